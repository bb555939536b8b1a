using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model;

namespace Ownership.Analyzers.Rules.Pools;

/// <summary>
/// OWN501: an array rented from an <c>ArrayPool&lt;T&gt;</c> is still owned on some path that
/// leaves the method, or is returned to a pool it provably did not come from.
/// </summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN501RentedArrayNotReturnedAnalyzer : HandleOwnershipAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN501);

    private protected override ResourceKind Kind => ResourceKind.PooledArray;

    private protected override DiagnosticDescriptor Descriptor => Descriptors.OWN501;

    private protected override string Released => "returned";

    private protected override object[] MessageArguments(Allocation allocation, string how)
        => new object[] { NameOf(allocation), PoolIdentity.Describe(allocation.Pool), how };

    private protected override void AnalyzeReleases(OperationBlockAnalysisContext context, OwnershipModel model, Allocation allocation)
    {
        foreach (var release in allocation.Releases)
        {
            if (release.IsMismatched && release.Operation is Microsoft.CodeAnalysis.Operations.IInvocationOperation { Instance: var pool })
            {
                context.ReportOwnership(Diagnostic.Create(
                    Descriptors.OWN501,
                    release.Operation.Syntax.GetLocation(),
                    NameOf(allocation),
                    PoolIdentity.Describe(allocation.Pool),
                    $"is returned to '{PoolIdentity.Describe(pool)}', another pool"));
            }
        }
    }
}
