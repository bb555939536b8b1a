using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Ownership.Analyzers.CodeFixes.Types;

/// <summary>OWN203: release the member's old value (<c>_x?.Dispose();</c>) just before the assignment.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN203ReleaseBeforeAssignmentCodeFix))]
public sealed class OWN203ReleaseBeforeAssignmentCodeFix : OwnershipCodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.OwnedMemberOverwritten);

    private protected override string Title => "Release the old value before the assignment";

    private protected override string EquivalenceKey => "OWN203.ReleaseBeforeAssignment";

    private protected override Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, System.Threading.CancellationToken cancellationToken)
        => ReleaseBeforeAssignment.InsertAsync(document, node, cancellationToken);
}
