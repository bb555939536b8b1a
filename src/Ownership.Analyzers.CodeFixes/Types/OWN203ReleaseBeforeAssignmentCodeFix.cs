using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Ownership.Analyzers.CodeFixes.Types;

/// <summary>OWN203: release the member's old value (<c>_x?.Dispose();</c>) just before the assignment.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN203ReleaseBeforeAssignmentCodeFix))]
public sealed class OWN203ReleaseBeforeAssignmentCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.OwnedMemberOverwritten);

    public override FixAllProvider GetFixAllProvider() => SequentialFixAllProvider.Create((document, node, _, token) => ReleaseBeforeAssignment.InsertAsync(document, node, token));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var node = root?.FindNode(context.Span, getInnermostNodeForTie: true);
        if (node is null || await ReleaseBeforeAssignment.InsertAsync(context.Document, node, context.CancellationToken).ConfigureAwait(false) is null)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Release the old value before the assignment",
                async token => await ReleaseBeforeAssignment.InsertAsync(context.Document, node, token).ConfigureAwait(false) ?? context.Document,
                "OWN203.ReleaseBeforeAssignment"),
            context.Diagnostics);
    }
}
