using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model;

namespace Ownership.Analyzers.Rules.Pools;

/// <summary>
/// OWN502: a rented array (or a span over it) is used, handed on or returned again after it was
/// returned to its pool on every path that reaches the use.
/// </summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN502PooledArrayUsedAfterReturnAnalyzer : MethodOwnershipAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN502);

    private protected override void Analyze(OperationBlockAnalysisContext context, OwnershipModel model, FunctionOwnership function)
    {
        foreach (var allocation in function.Allocations)
        {
            if (allocation.Kind != ResourceKind.PooledArray)
            {
                continue;
            }

            foreach (var location in HandleOwnershipAnalyzer.DistinctLocationsOf(allocation.UsesAfterRelease))
            {
                context.ReportOwnership(Diagnostic.Create(Descriptors.OWN502, location, NameOf(allocation), "used"));
            }

            foreach (var location in HandleOwnershipAnalyzer.DistinctLocationsOf(allocation.RepeatedReleases))
            {
                context.ReportOwnership(Diagnostic.Create(Descriptors.OWN502, location, NameOf(allocation), "returned again"));
            }
        }
    }
}
