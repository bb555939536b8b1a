using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Ownership.Analyzers.CodeFixes.Locals;

/// <summary>OWN104: release the old value (<c>x?.Dispose();</c>) just before the assignment.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN104ReleaseBeforeAssignmentCodeFix))]
public sealed class OWN104ReleaseBeforeAssignmentCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "OWN104.ReleaseBeforeAssignment";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.LocalOverwrittenWhileOwning);

    public override FixAllProvider GetFixAllProvider() => SequentialFixAllProvider.Create(Fix);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (await Fix(context.Document, node, diagnostic, context.CancellationToken).ConfigureAwait(false) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Release the old value before the assignment",
                    async cancellationToken => await Fix(context.Document, node, diagnostic, cancellationToken).ConfigureAwait(false) ?? context.Document,
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static Task<Document?> Fix(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
        => ReleaseBeforeAssignment.InsertAsync(document, node, cancellationToken);
}
