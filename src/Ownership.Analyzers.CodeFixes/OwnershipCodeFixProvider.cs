using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace Ownership.Analyzers.CodeFixes;

/// <summary>
/// What every fix of the package shares: find the diagnostic's node, offer the action only when
/// the fix applies (it returns a document), and Fix All one fix after another.
/// </summary>
public abstract class OwnershipCodeFixProvider : CodeFixProvider
{
    /// <summary>The action's title, shown in the light bulb.</summary>
    private protected abstract string Title { get; }

    /// <summary>Stable key: Fix All groups actions by it.</summary>
    private protected abstract string EquivalenceKey { get; }

    /// <summary>The fixed document, or null when the fix would not compile or would change behaviour.</summary>
    private protected abstract Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken);

    /// <summary>The node a diagnostic stands on (override for diagnostics on a token, such as a keyword).</summary>
    private protected virtual SyntaxNode FindNode(SyntaxNode root, TextSpan span)
        => root.FindNode(span, getInnermostNodeForTie: true);

    /// <summary>This provider's fix, for a provider that offers it on another rule's diagnostic.</summary>
    internal Task<Document?> ApplyAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
        => FixAsync(document, node, diagnostic, cancellationToken);

    public sealed override FixAllProvider GetFixAllProvider() => SequentialFixAllProvider.Create(FixAsync);

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var node = FindNode(root, diagnostic.Location.SourceSpan);
            if (await FixAsync(context.Document, node, diagnostic, context.CancellationToken).ConfigureAwait(false) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    Title,
                    async cancellationToken => await FixAsync(context.Document, node, diagnostic, cancellationToken).ConfigureAwait(false) ?? context.Document,
                    EquivalenceKey),
                diagnostic);
        }
    }
}
