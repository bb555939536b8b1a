using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ownership.Analyzers.CodeFixes.Lifetimes;

/// <summary>
/// OWN303 on a returned task: make the method async and await every returned task, so the
/// <c>using</c> ends after the work. Offered only where that keeps the method valid and its results
/// the same: a method or local function returning <c>Task&lt;T&gt;</c> / <c>ValueTask&lt;T&gt;</c>, every
/// <c>return</c> a task, no <c>ref</c>/<c>out</c>/<c>in</c> parameters, no ref-struct locals, no
/// <c>return</c> in a <c>lock</c> or an unsafe context.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN303AwaitInsideScopeCodeFix))]
public sealed class OWN303AwaitInsideScopeCodeFix : OwnershipCodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.EscapesUsingScope);

    private protected override string Title => "Await the task inside the using scope";

    private protected override string EquivalenceKey => "OWN303.AwaitInside";

    private protected override async Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (node is not ExpressionSyntax returned || returned.Parent is not ReturnStatementSyntax)
        {
            return null;
        }

        var function = returned.Ancestors().FirstOrDefault(a => a is MethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax);
        var (body, modifiers) = function switch
        {
            MethodDeclarationSyntax method => (method.Body, method.Modifiers),
            LocalFunctionStatementSyntax local => (local.Body, local.Modifiers),
            _ => (null, default),
        };
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (body is null || model is null || root is null || function is null
            || modifiers.Any(SyntaxKind.AsyncKeyword) || modifiers.Any(SyntaxKind.UnsafeKeyword)
            || model.GetDeclaredSymbol(function, cancellationToken) is not IMethodSymbol symbol
            || !ReturnsGenericTask(symbol.ReturnType)
            || symbol.Parameters.Any(p => p.RefKind != RefKind.None)
            || HasRefStructLocal(body, model, cancellationToken))
        {
            return null;
        }

        var returns = new List<ReturnStatementSyntax>();
        foreach (var candidate in body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>())
        {
            if (candidate.Expression is not { } expression
                || !SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(expression, cancellationToken).Type, symbol.ReturnType)
                || candidate.Ancestors().TakeWhile(a => a != body).Any(a => a is LockStatementSyntax or UnsafeStatementSyntax))
            {
                return null;
            }

            returns.Add(candidate);
        }

        var awaited = function.ReplaceNodes(
            returns.Select(r => r.Expression!),
            (original, _) => SyntaxFactory.AwaitExpression(Awaitable(original.WithoutTrivia())).WithTriviaFrom(original));
        return document.WithSyntaxRoot(root.ReplaceNode(function, AddAsync(awaited)));
    }

    private static ExpressionSyntax Awaitable(ExpressionSyntax expression)
        => expression is InvocationExpressionSyntax or MemberAccessExpressionSyntax or IdentifierNameSyntax or ParenthesizedExpressionSyntax or ElementAccessExpressionSyntax
            ? expression
            : SyntaxFactory.ParenthesizedExpression(expression);

    private static SyntaxNode AddAsync(SyntaxNode function)
    {
        var asyncToken = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        switch (function)
        {
            case MethodDeclarationSyntax method when method.Modifiers.Count == 0:
                return method.WithReturnType(method.ReturnType.WithoutLeadingTrivia())
                    .WithModifiers(SyntaxFactory.TokenList(asyncToken.WithLeadingTrivia(method.ReturnType.GetLeadingTrivia())));
            case MethodDeclarationSyntax method:
                return method.WithModifiers(method.Modifiers.Add(asyncToken));
            case LocalFunctionStatementSyntax local when local.Modifiers.Count == 0:
                return local.WithReturnType(local.ReturnType.WithoutLeadingTrivia())
                    .WithModifiers(SyntaxFactory.TokenList(asyncToken.WithLeadingTrivia(local.ReturnType.GetLeadingTrivia())));
            case LocalFunctionStatementSyntax local:
                return local.WithModifiers(local.Modifiers.Add(asyncToken));
            default:
                return function;
        }
    }

    private static bool ReturnsGenericTask(ITypeSymbol type)
        => type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
            && named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks"
            && named.Name is "Task" or "ValueTask";

    private static bool HasRefStructLocal(SyntaxNode body, SemanticModel model, CancellationToken cancellationToken)
        => body.DescendantNodes().Any(n => n is VariableDeclaratorSyntax or SingleVariableDesignationSyntax or ForEachStatementSyntax
            && model.GetDeclaredSymbol(n, cancellationToken) is ILocalSymbol { Type.IsRefLikeType: true } or ILocalSymbol { IsRef: true });
}
