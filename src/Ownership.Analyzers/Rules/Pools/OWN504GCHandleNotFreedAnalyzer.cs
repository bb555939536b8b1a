using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model;

namespace Ownership.Analyzers.Rules.Pools;

/// <summary>OWN504: a <c>GCHandle</c> from <c>GCHandle.Alloc</c> is still owned on some path that leaves the method.</summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN504GCHandleNotFreedAnalyzer : HandleOwnershipAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN504);

    private protected override ResourceKind Kind => ResourceKind.GCHandle;

    private protected override DiagnosticDescriptor Descriptor => Descriptors.OWN504;

    private protected override string Released => "freed";

    private protected override object[] MessageArguments(Allocation allocation, string how)
        => new object[] { NameOf(allocation), how };
}
