using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ownership.Analyzers.CodeFixes.Lifetimes;

/// <summary>
/// OWN302: remove the redundant release. Offered only when it is a statement of its own in a block
/// or a switch section (<c>x.Dispose();</c>, <c>x?.Dispose();</c>, <c>await x.DisposeAsync();</c>), so that
/// removing it leaves the code around it as it was.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN302RemoveSecondReleaseCodeFix))]
public sealed class OWN302RemoveSecondReleaseCodeFix : OwnershipCodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.ReleasedTwice);

    private protected override string Title => "Remove the redundant release";

    private protected override string EquivalenceKey => "OWN302.Remove";

    private protected override async Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        SyntaxNode? current = node;
        while (current is ExpressionSyntax)
        {
            current = current.Parent;
        }

        if (current is not ExpressionStatementSyntax statement || statement.Parent is not (BlockSyntax or SwitchSectionSyntax))
        {
            return null;
        }

        if (statement.Parent is SwitchSectionSyntax section && section.Statements.Count == 1)
        {
            // A switch section needs a statement of its own (CS8070).
            return null;
        }

        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var updated = root?.RemoveNode(statement, SyntaxRemoveOptions.KeepUnbalancedDirectives);
        return updated is null ? null : document.WithSyntaxRoot(updated);
    }
}
