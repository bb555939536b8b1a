using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Ownership.Analyzers.Rules.Types;

namespace Ownership.Analyzers.CodeFixes.Types;

/// <summary>
/// OWN207, the clear cases only: add <c>GC.SuppressFinalize(this)</c> at the end of Dispose(), and
/// turn the wrong literal of a Dispose(bool) call into the right one. The other cases need a
/// person to decide where the code belongs; no fix is offered for them.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN207DisposePatternCodeFix))]
public sealed class OWN207DisposePatternCodeFix : OwnershipCodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.DisposePatternMisuse);

    private protected override string Title => "Fix the dispose pattern";

    private protected override string EquivalenceKey => "OWN207.FixPattern";

    private protected override async Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        diagnostic.Properties.TryGetValue(OWN207DisposePatternMisuseAnalyzer.CaseProperty, out var @case);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        switch (@case)
        {
            case OWN207DisposePatternMisuseAnalyzer.WrongDisposingArgument when node is LiteralExpressionSyntax literal
                && (literal.IsKind(SyntaxKind.TrueLiteralExpression) || literal.IsKind(SyntaxKind.FalseLiteralExpression)):
                var flipped = SyntaxFactory.LiteralExpression(literal.IsKind(SyntaxKind.TrueLiteralExpression) ? SyntaxKind.FalseLiteralExpression : SyntaxKind.TrueLiteralExpression)
                    .WithTriviaFrom(literal);
                return document.WithSyntaxRoot(root.ReplaceNode(literal, flipped));
            case OWN207DisposePatternMisuseAnalyzer.MissingSuppressFinalize when node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } method:
                return AddSuppressFinalize(document, root, method);
            default:
                return null;
        }
    }

    private static Document? AddSuppressFinalize(Document document, SyntaxNode root, MethodDeclarationSyntax method)
    {
        var gc = SyntaxFactory.ParseExpression("System.GC").WithAdditionalAnnotations(Simplifier.Annotation);
        var call = SyntaxFactory.ExpressionStatement(SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, gc, SyntaxFactory.IdentifierName("SuppressFinalize")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.ThisExpression())))))
            .WithAdditionalAnnotations(Formatter.Annotation);
        MethodDeclarationSyntax updated;
        if (method.Body is { } body)
        {
            updated = method.WithBody(body.AddStatements(call));
        }
        else if (method.ExpressionBody is { } arrow)
        {
            updated = method.WithExpressionBody(null).WithSemicolonToken(default)
                .WithBody(SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(arrow.Expression.WithoutTrivia()), call))
                .WithTrailingTrivia(method.GetTrailingTrivia());
        }
        else
        {
            return null;
        }

        return document.WithSyntaxRoot(root.ReplaceNode(method, updated.WithAdditionalAnnotations(Formatter.Annotation)));
    }
}
