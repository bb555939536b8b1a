using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Model;

namespace Ownership.Analyzers.Rules.Locals;

/// <summary>
/// OWN101: a resource this method created and stored in a local is still owned on some path
/// that leaves the method (or the local's scope).
/// </summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN101DisposeCreatedResourceAnalyzer : MethodOwnershipAnalyzer
{
    /// <summary>Diagnostic property: the fix may add <c>using</c> (nothing else releases or hands the value on).</summary>
    public const string NeverReleasedProperty = "NeverReleased";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN101);

    private protected override void Analyze(OperationBlockAnalysisContext context, OwnershipModel model, FunctionOwnership function)
    {
        // One resource, one finding: the creating arms of a conditional or switch kept in one local
        // are reported once, on the first arm, with the others as additional locations.
        var byLocal = new Dictionary<ILocalSymbol, List<Allocation>>(SymbolEqualityComparer.Default);
        foreach (var allocation in function.Allocations)
        {
            if (!allocation.IsDisposable || allocation.Loss != LossKind.LeftOwned || allocation.Local is not { } local || allocation.IsConditionallyOwned)
            {
                continue;
            }

            if (allocation.IsEverReleasedOrTransferred && model.IsPendingTask(allocation))
            {
                continue;
            }

            if (!byLocal.TryGetValue(local, out var group))
            {
                byLocal.Add(local, group = new List<Allocation>());
            }

            group.Add(allocation);
        }

        foreach (var group in byLocal.Values)
        {
            group.Sort((a, b) => a.Creation.Syntax.SpanStart.CompareTo(b.Creation.Syntax.SpanStart));
            var first = group[0];
            var never = group.TrueForAll(a => !a.IsEverReleasedOrTransferred);
            var lost = group.Find(a => a.Exit is not null) ?? first;
            var how = never
                ? "anywhere: it is never disposed, returned or handed to an owner"
                : "on every path: " + DescribeExit(lost);
            var properties = never
                ? ImmutableDictionary<string, string?>.Empty.Add(NeverReleasedProperty, "true")
                : ImmutableDictionary<string, string?>.Empty;
            // The other creating arms, then the exit that loses it.
            var others = group.Skip(1).Select(a => a.Creation.Syntax.GetLocation()).ToList();
            if (!never && lost.Exit is { } exit)
            {
                others.Add(exit.Location);
            }

            context.ReportOwnership(Diagnostic.Create(Descriptors.OWN101, first.Creation.Syntax.GetLocation(), others, properties, NameOf(first), how));
        }
    }
}
