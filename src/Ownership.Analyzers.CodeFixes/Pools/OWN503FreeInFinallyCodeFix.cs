using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Ownership.Analyzers.CodeFixes.Pools;

/// <summary>OWN503: free the memory with its allocator's free in <c>finally</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN503FreeInFinallyCodeFix))]
public sealed class OWN503FreeInFinallyCodeFix : ReleaseInFinallyCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.UnmanagedMemoryNotFreed);

    private protected override string Title => "Free it in 'finally'";

    private protected override string EquivalenceKey => "OWN503.FreeInFinally";
}
