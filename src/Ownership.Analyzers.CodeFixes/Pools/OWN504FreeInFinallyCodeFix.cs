using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Ownership.Analyzers.CodeFixes.Pools;

/// <summary>OWN504: free the GCHandle in <c>finally</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN504FreeInFinallyCodeFix))]
public sealed class OWN504FreeInFinallyCodeFix : ReleaseInFinallyCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.GCHandleNotFreed);

    private protected override string Title => "Free the handle in 'finally'";

    private protected override string EquivalenceKey => "OWN504.FreeInFinally";
}
