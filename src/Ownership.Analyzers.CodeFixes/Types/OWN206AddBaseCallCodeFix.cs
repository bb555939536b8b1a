using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Ownership.Analyzers.CodeFixes.Types;

/// <summary>OWN206: call the base implementation at the end of the override.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN206AddBaseCallCodeFix))]
public sealed class OWN206AddBaseCallCodeFix : OwnershipCodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.DisposeOverrideMissesBaseCall);

    private protected override string Title => "Call the base implementation";

    private protected override string EquivalenceKey => "OWN206.AddBaseCall";

    private protected override async Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
        {
            return null;
        }

        var isAsync = method.Modifiers.Any(SyntaxKind.AsyncKeyword);
        var name = method.Identifier.ValueText;
        if (name is "DisposeAsyncCore" or "DisposeAsync" && !isAsync)
        {
            // A base call that returns a task has to be awaited; not rewritten here.
            return null;
        }

        var arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(
            method.ParameterList.Parameters.Select(p => SyntaxFactory.Argument(SyntaxFactory.IdentifierName(p.Identifier)))));
        ExpressionSyntax call = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.BaseExpression(), SyntaxFactory.IdentifierName(name)),
            arguments);
        if (isAsync)
        {
            call = SyntaxFactory.AwaitExpression(call);
        }

        var statement = SyntaxFactory.ExpressionStatement(call).WithAdditionalAnnotations(Formatter.Annotation);
        MethodDeclarationSyntax updated;
        if (method.Body is { } body)
        {
            updated = method.WithBody(body.AddStatements(statement));
        }
        else if (method.ExpressionBody is { } arrow)
        {
            var first = SyntaxFactory.ExpressionStatement(arrow.Expression.WithoutTrivia());
            updated = method.WithExpressionBody(null).WithSemicolonToken(default)
                .WithBody(SyntaxFactory.Block(first, statement))
                .WithTrailingTrivia(method.GetTrailingTrivia());
        }
        else
        {
            return null;
        }

        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        var newDocument = document.WithSyntaxRoot(root.ReplaceNode(method, updated.WithAdditionalAnnotations(Formatter.Annotation)));
        return await Formatter.FormatAsync(newDocument, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
