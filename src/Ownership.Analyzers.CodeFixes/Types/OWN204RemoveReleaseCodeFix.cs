using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Ownership.Analyzers.CodeFixes.Types;

/// <summary>
/// OWN204: remove the release of a borrowed value — only when it is a statement of its own
/// (<c>_service.Dispose();</c>, <c>_service?.Dispose();</c>) in a block, or the whole body of a
/// void expression-bodied method. A release inside a larger expression is left to a person.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN204RemoveReleaseCodeFix))]
public sealed class OWN204RemoveReleaseCodeFix : OwnershipCodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.BorrowedResourceReleased);

    private protected override string Title => "Remove the release (the value is not owned)";

    private protected override string EquivalenceKey => "OWN204.RemoveRelease";

    private protected override async Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (node is not InvocationExpressionSyntax invocation)
        {
            return null;
        }

        // `_x?.Dispose()`: the statement's expression is the conditional access around the call.
        ExpressionSyntax expression = invocation.Parent is ConditionalAccessExpressionSyntax access && access.WhenNotNull == invocation ? access : invocation;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        switch (expression.Parent)
        {
            case ExpressionStatementSyntax statement when statement.Parent is BlockSyntax or SwitchSectionSyntax && statement.Parent is not SwitchSectionSyntax { Statements.Count: 1 }:
                // A statement on a line of its own goes with its line; one among others on a line leaves its separating space.
                var keep = statement.GetTrailingTrivia().Any(SyntaxKind.EndOfLineTrivia) ? SyntaxRemoveOptions.KeepNoTrivia : SyntaxRemoveOptions.KeepTrailingTrivia;
                return document.WithSyntaxRoot(root.RemoveNode(statement, keep | SyntaxRemoveOptions.KeepUnbalancedDirectives)!);
            case ArrowExpressionClauseSyntax arrow when arrow.Parent is MethodDeclarationSyntax method && method.ReturnType is PredefinedTypeSyntax predefined && predefined.Keyword.IsKind(SyntaxKind.VoidKeyword)
                && !method.Modifiers.Any(SyntaxKind.AsyncKeyword):
                var emptied = method.WithExpressionBody(null).WithSemicolonToken(default)
                    .WithBody(SyntaxFactory.Block())
                    .WithTrailingTrivia(method.GetTrailingTrivia())
                    .WithAdditionalAnnotations(Formatter.Annotation);
                return document.WithSyntaxRoot(root.ReplaceNode(method, emptied));
            default:
                return null;
        }
    }
}
