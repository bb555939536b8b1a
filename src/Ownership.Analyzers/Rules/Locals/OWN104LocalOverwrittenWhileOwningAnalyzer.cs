using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Model;

namespace Ownership.Analyzers.Rules.Locals;

/// <summary>OWN104: a local is assigned a new value while it still holds a resource it owns.</summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN104LocalOverwrittenWhileOwningAnalyzer : MethodOwnershipAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN104);

    private protected override void Analyze(OperationBlockAnalysisContext context, OwnershipModel model, FunctionOwnership function)
    {
        // One report per assignment, however many allocations it may lose (in a loop: the one from
        // before the loop and the previous iteration's).
        var reported = new System.Collections.Generic.HashSet<SyntaxNode>();
        foreach (var allocation in function.Allocations)
        {
            if (!allocation.IsDisposable || allocation.Loss != LossKind.Overwritten || allocation.LossSite is not ISimpleAssignmentOperation assignment
                || !reported.Add(assignment.Syntax))
            {
                continue;
            }

            var local = (assignment.Target as ILocalReferenceOperation)?.Local.Name ?? NameOf(allocation);
            context.ReportOwnership(Diagnostic.Create(Descriptors.OWN104, assignment.Syntax.GetLocation(), local, allocation.Type.Name));
        }
    }
}
