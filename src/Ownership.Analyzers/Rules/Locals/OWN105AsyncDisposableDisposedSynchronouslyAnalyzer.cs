using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Model;

namespace Ownership.Analyzers.Rules.Locals;

/// <summary>
/// OWN105: in an async function, a resource this method owns that implements
/// <c>IAsyncDisposable</c> is released with the synchronous <c>Dispose</c>.
/// </summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN105AsyncDisposableDisposedSynchronouslyAnalyzer : MethodOwnershipAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN105);

    private protected override void Analyze(OperationBlockAnalysisContext context, OwnershipModel model, FunctionOwnership function)
    {
        if (!function.IsAsync)
        {
            return;
        }

        foreach (var allocation in function.Allocations)
        {
            if (!allocation.IsDisposable || !model.Knowledge.IsAsyncDisposable(allocation.Type) || !model.AsyncReleaseMatters(allocation))
            {
                continue;
            }

            foreach (var release in allocation.Releases)
            {
                if (!release.IsAsync && !OwnershipModel.IsSynchronousBranchOfAsyncFlag(release, allocation))
                {
                    context.ReportOwnership(Diagnostic.Create(Descriptors.OWN105, LocationOf(release.Operation.Syntax), NameOf(allocation)));
                }
            }
        }
    }

    /// <summary>The <c>using</c> keyword for a <c>using</c>, the call otherwise.</summary>
    private static Location LocationOf(SyntaxNode syntax)
    {
        for (var node = syntax; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case UsingStatementSyntax usingStatement:
                    return usingStatement.UsingKeyword.GetLocation();
                case LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 } declaration:
                    return declaration.UsingKeyword.GetLocation();
                case StatementSyntax:
                    return syntax.GetLocation();
            }
        }

        return syntax.GetLocation();
    }
}
