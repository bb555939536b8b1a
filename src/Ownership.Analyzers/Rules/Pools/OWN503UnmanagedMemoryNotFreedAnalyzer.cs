using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model;

namespace Ownership.Analyzers.Rules.Pools;

/// <summary>
/// OWN503: memory from <c>Marshal.AllocHGlobal</c> / <c>AllocCoTaskMem</c> or
/// <c>NativeMemory.Alloc</c> / <c>AlignedAlloc</c> is still owned on some path that leaves the
/// method, or is freed by the free of another allocator.
/// </summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN503UnmanagedMemoryNotFreedAnalyzer : HandleOwnershipAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN503);

    private protected override ResourceKind Kind => ResourceKind.UnmanagedMemory;

    private protected override DiagnosticDescriptor Descriptor => Descriptors.OWN503;

    private protected override string Released => "freed";

    private protected override object[] MessageArguments(Allocation allocation, string how)
        => new object[] { NameOf(allocation), FactoryName(allocation), how };

    private protected override void AnalyzeReleases(OperationBlockAnalysisContext context, OwnershipModel model, Allocation allocation)
    {
        foreach (var release in allocation.Releases)
        {
            if (!release.IsMismatched || release.Operation is not IInvocationOperation free)
            {
                continue;
            }

            var matching = allocation.Creation is IInvocationOperation creation && model.GetHandleFactory(creation) is { } factory
                ? $"; use '{factory.ReleaseMethod}'"
                : string.Empty;
            context.ReportOwnership(Diagnostic.Create(
                Descriptors.OWN503,
                free.Syntax.GetLocation(),
                NameOf(allocation),
                FactoryName(allocation),
                $"is freed by '{free.TargetMethod.ContainingType.Name}.{free.TargetMethod.Name}', which does not free memory from that allocator{matching}"));
        }
    }
}
