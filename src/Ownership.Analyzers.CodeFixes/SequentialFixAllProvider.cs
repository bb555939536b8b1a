using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Ownership.Analyzers.CodeFixes;

/// <summary>
/// Fix All that applies the fixes of one document one after another, each on the result of the
/// previous one. Our fixes interact (two new locals in one method must get different names, two
/// edits of one statement must not overlap), so batching independent text changes is not safe.
/// </summary>
internal static class SequentialFixAllProvider
{
    /// <summary>One fix: the node the diagnostic was on, in the current document; null when not applicable.</summary>
    public delegate Task<Document?> FixNode(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken);

    public static FixAllProvider Create(FixNode fix) => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        if (diagnostics.IsEmpty)
        {
            return null;
        }

        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        // Mark every diagnostic's node, so that it can be found again after earlier edits.
        var marks = diagnostics
            .OrderBy(diagnostic => diagnostic.Location.SourceSpan.Start)
            .Select(diagnostic => (Diagnostic: diagnostic, Annotation: new SyntaxAnnotation()))
            .ToImmutableArray();
        var marked = root;
        foreach (var (diagnostic, annotation) in marks)
        {
            var node = marked.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            marked = marked.ReplaceNode(node, node.WithAdditionalAnnotations(annotation));
        }

        var current = document.WithSyntaxRoot(marked);
        foreach (var (diagnostic, annotation) in marks)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var currentRoot = await current.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var node = currentRoot?.GetAnnotatedNodes(annotation).FirstOrDefault();
            if (node is null)
            {
                continue;
            }

            var fixedDocument = await fix(current, node, diagnostic, context.CancellationToken).ConfigureAwait(false);
            if (fixedDocument is not null)
            {
                current = fixedDocument;
            }
        }

        return current;
    });
}
