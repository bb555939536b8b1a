using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Ownership.Analyzers.CodeFixes.Locals;

/// <summary>OWN102: keep the discarded resource in a <c>using</c> local.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN102IntroduceUsingLocalCodeFix))]
public sealed class OWN102IntroduceUsingLocalCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "OWN102.IntroduceUsingLocal";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.CreatedResourceDiscarded);

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
                    "Keep it in a 'using' local",
                    cancellationToken => FixOrSame(context.Document, node, diagnostic, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static Task<Document?> Fix(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
        => UsingLocalIntroducer.IntroduceAsync(document, node, cancellationToken);

    private static async Task<Document> FixOrSame(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
        => await Fix(document, node, diagnostic, cancellationToken).ConfigureAwait(false) ?? document;
}
