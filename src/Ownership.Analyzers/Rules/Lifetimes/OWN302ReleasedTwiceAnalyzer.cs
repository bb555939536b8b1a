using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Ownership.Analyzers.Model;

namespace Ownership.Analyzers.Rules.Lifetimes;

/// <summary>
/// OWN302: a created disposable disposed again where it is already disposed on every path, when
/// the redundant release is an explicit <c>Dispose</c>: a second <c>Dispose()</c> after a first, or
/// a <c>Dispose()</c> that is the last statement of the <c>using</c> scope that disposes it anyway.
/// Silent for the safe idioms (see docs/rules/OWN302.md): <c>Close</c> then <c>Dispose</c>, a wrapper and
/// its inner stream, an early <c>Dispose</c> inside a <c>using</c>, a safety-net release in <c>finally</c>.
/// </summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN302ReleasedTwiceAnalyzer : MethodOwnershipAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN302);

    private protected override void Analyze(OperationBlockAnalysisContext context, OwnershipModel model, FunctionOwnership function)
    {
        var reported = new HashSet<TextSpan>();
        foreach (var allocation in function.Allocations)
        {
            if (!allocation.IsDisposable || allocation.RepeatedReleases.Count == 0)
            {
                continue;
            }

            var sites = new Dictionary<IOperation, ReleaseSite>();
            foreach (var site in allocation.Releases)
            {
                sites[site.Operation] = site;
            }

            foreach (var repeated in OWN301UsedAfterReleaseAnalyzer.Sorted(allocation.RepeatedReleases))
            {
                if (!ReleaseText.IsDispose(repeated) || !sites.TryGetValue(repeated, out var repeatedSite))
                {
                    continue;
                }

                if (!repeated.IsImplicit)
                {
                    ReportSecondDispose(context, allocation, repeatedSite, reported);
                }
                else
                {
                    ReportDisposeBeforeScopeEnd(context, allocation, repeatedSite, sites.Values, reported);
                }
            }
        }
    }

    /// <summary><c>x.Dispose(); … x.Dispose();</c>: reported on the second, unless it is a safety net in <c>finally</c>.</summary>
    private static void ReportSecondDispose(OperationBlockAnalysisContext context, Allocation allocation, ReleaseSite repeated, HashSet<TextSpan> reported)
    {
        if (repeated.IsProtected)
        {
            return;
        }

        var (first, _) = allocation.ReleaseBefore(repeated.Operation);
        if (first is null || allocation.IsReleasedBy(first) || !ReleaseText.IsDispose(first) || !reported.Add(repeated.Operation.Syntax.Span))
        {
            return;
        }

        var how = first.IsImplicit
            ? $"again after its 'using' scope disposed it (line {ReleaseText.Line(first)})"
            : $"again: {ReleaseText.Describe(first, allocation).Substring(3)} already disposed it";
        context.ReportOwnership(Diagnostic.Create(Descriptors.OWN302, repeated.Operation.Syntax.GetLocation(), NameOf(allocation), how));
    }

    /// <summary>
    /// <c>using var x = …; …; x.Dispose();</c> with nothing after it in the scope: the <c>using</c> disposes
    /// it again right away. Reported on the explicit one. An earlier <c>Dispose</c> in the scope is an
    /// early release with the <c>using</c> as its safety net: silent.
    /// </summary>
    private static void ReportDisposeBeforeScopeEnd(OperationBlockAnalysisContext context, Allocation allocation, ReleaseSite scopeEnd, IEnumerable<ReleaseSite> releases, HashSet<TextSpan> reported)
    {
        if (Allocation.UsingOf(scopeEnd.Operation) is not { } usingSyntax || LastStatementOfScope(usingSyntax) is not { } last)
        {
            return;
        }

        foreach (var release in releases)
        {
            if (release.IsImplicit || release.IsProtected || !ReleaseText.IsDispose(release.Operation)
                || ReleaseText.StatementOf(release.Operation) != last || !reported.Add(release.Operation.Syntax.Span))
            {
                continue;
            }

            var how = $"here and again at the end of its 'using' scope (line {ReleaseText.Line(scopeEnd.Operation)})";
            context.ReportOwnership(Diagnostic.Create(Descriptors.OWN302, release.Operation.Syntax.GetLocation(), NameOf(allocation), how));
        }
    }

    /// <summary>The statement after which the scope of a <c>using</c> ends.</summary>
    private static StatementSyntax? LastStatementOfScope(SyntaxNode usingSyntax)
        => usingSyntax switch
        {
            UsingStatementSyntax { Statement: BlockSyntax block } => block.Statements.Count > 0 ? block.Statements[block.Statements.Count - 1] : null,
            UsingStatementSyntax { Statement: var statement } => statement,
            LocalDeclarationStatementSyntax { Parent: BlockSyntax block } => block.Statements[block.Statements.Count - 1],
            _ => null,
        };
}
