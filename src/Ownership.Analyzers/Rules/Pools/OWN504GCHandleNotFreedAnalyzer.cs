using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model;

namespace Ownership.Analyzers.Rules.Pools;

/// <summary>OWN504: a <c>GCHandle</c> from <c>GCHandle.Alloc</c> is still owned on some path that leaves the method.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OWN504GCHandleNotFreedAnalyzer : HandleOwnershipAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN504);

    private protected override ResourceKind Kind => ResourceKind.GCHandle;

    private protected override DiagnosticDescriptor Descriptor => Descriptors.OWN504;

    private protected override string Released => "freed";

    private protected override object[] MessageArguments(Allocation allocation, string how)
        => new object[] { NameOf(allocation), how };
}
