using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Ownership.Analyzers.CodeFixes.Pools;

/// <summary>OWN501: return the rented array to its pool in <c>finally</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN501ReturnInFinallyCodeFix))]
public sealed class OWN501ReturnInFinallyCodeFix : ReleaseInFinallyCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.RentedArrayNotReturned);

    private protected override string Title => "Return it to the pool in 'finally'";

    private protected override string EquivalenceKey => "OWN501.ReturnInFinally";
}
