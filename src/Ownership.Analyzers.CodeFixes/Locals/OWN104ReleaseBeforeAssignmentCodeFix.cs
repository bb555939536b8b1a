using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Ownership.Analyzers.CodeFixes.Locals;

/// <summary>OWN104: release the old value (<c>x?.Dispose();</c>) just before the assignment.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN104ReleaseBeforeAssignmentCodeFix))]
public sealed class OWN104ReleaseBeforeAssignmentCodeFix : OwnershipCodeFixProvider
{

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.LocalOverwrittenWhileOwning);

    private protected override string Title => "Release the old value before the assignment";

    private protected override string EquivalenceKey => "OWN104.ReleaseBeforeAssignment";

    private protected override Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
        => ReleaseBeforeAssignment.InsertAsync(document, node, cancellationToken);
}
