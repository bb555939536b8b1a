using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Model;

namespace Ownership.Analyzers.Rules.Lifetimes;

/// <summary>
/// OWN301: a created disposable is used (a member call or property read, enumerated, awaited,
/// passed as a resource, handed on) where it is released on every path that reaches the use —
/// by its own release, a method that disposes it, or the object that owned it.
/// </summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN301UsedAfterReleaseAnalyzer : MethodOwnershipAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN301);

    private protected override void Analyze(OperationBlockAnalysisContext context, OwnershipModel model, FunctionOwnership function)
    {
        var reported = new System.Collections.Generic.HashSet<Microsoft.CodeAnalysis.Text.TextSpan>();
        foreach (var allocation in function.Allocations)
        {
            if (!allocation.IsDisposable || allocation.UsesAfterRelease.Count == 0)
            {
                continue;
            }

            foreach (var use in Sorted(allocation.UsesAfterRelease))
            {
                var (release, releaser) = allocation.ReleaseBefore(use);
                if (release is null || !reported.Add(use.Syntax.Span))
                {
                    // No release before it in the source (a loop's back edge): the message could not say which one.
                    continue;
                }

                context.ReportOwnership(Diagnostic.Create(Descriptors.OWN301, use.Syntax.GetLocation(), NameOf(allocation), ReleaseText.Describe(release, releaser)));
            }
        }
    }

    internal static System.Collections.Generic.List<IOperation> Sorted(System.Collections.Generic.IEnumerable<IOperation> operations)
    {
        var list = new System.Collections.Generic.List<IOperation>(operations);
        list.Sort((a, b) => a.Syntax.SpanStart != b.Syntax.SpanStart ? a.Syntax.SpanStart.CompareTo(b.Syntax.SpanStart) : a.Syntax.Span.Length.CompareTo(b.Syntax.Span.Length));
        return list;
    }
}
