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
/// OWN303 on a returned deferred query: run it inside the scope with <c>ToList()</c>. Offered only
/// when the function is declared to return <c>IEnumerable&lt;T&gt;</c> (a list still is one); adds
/// <c>using System.Linq;</c> when the file does not see <c>Enumerable</c> yet.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN303MaterializeCodeFix))]
public sealed class OWN303MaterializeCodeFix : OwnershipCodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.EscapesUsingScope);

    private protected override string Title => "Materialize the query inside the using scope";

    private protected override string EquivalenceKey => "OWN303.Materialize";

    private protected override async Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (node is not ExpressionSyntax returned || returned.Parent is not ReturnStatementSyntax)
        {
            return null;
        }

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var function = returned.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax);
        if (model is null || root is null || function is null
            || model.GetDeclaredSymbol(function, cancellationToken) is not IMethodSymbol method
            || method.ReturnType is not INamedTypeSymbol { IsGenericType: true } returnType
            || returnType.OriginalDefinition.SpecialType != SpecialType.System_Collections_Generic_IEnumerable_T
            || model.GetTypeInfo(returned, cancellationToken).Type is not INamedTypeSymbol { IsGenericType: true } queryType
            || !queryType.AllInterfaces.Concat(new[] { queryType }).Any(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T))
        {
            return null;
        }

        var materialized = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    returned.WithoutTrivia() is var bare && bare is InvocationExpressionSyntax or MemberAccessExpressionSyntax or IdentifierNameSyntax or ParenthesizedExpressionSyntax
                        ? bare
                        : SyntaxFactory.ParenthesizedExpression(bare),
                    SyntaxFactory.IdentifierName("ToList")))
            .WithTriviaFrom(returned);

        var binds = model.GetSpeculativeSymbolInfo(returned.SpanStart, materialized, SpeculativeBindingOption.BindAsExpression).Symbol is IMethodSymbol { Name: "ToList" } toList
            && toList.ContainingType?.ToDisplayString() == "System.Linq.Enumerable";
        var updated = root.ReplaceNode(returned, materialized);
        if (!binds)
        {
            if (updated is not CompilationUnitSyntax unit)
            {
                return null;
            }

            updated = unit.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName("System.Linq")).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed));
        }

        return document.WithSyntaxRoot(updated);
    }
}
