using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Ownership.Analyzers.CodeFixes;

/// <summary>
/// Releases what a local or member holds just before it is overwritten (<c>x?.Dispose();</c>):
/// the fix of OWN104 (locals) and OWN203 (members). Not offered when the right-hand side reads
/// the old value, or the type has no accessible Dispose.
/// </summary>
internal static class ReleaseBeforeAssignment
{
    public static async Task<Document?> InsertAsync(Document document, SyntaxNode node, CancellationToken cancellationToken)
    {
        if (node is not AssignmentExpressionSyntax { Left: var target } assignment
            || target is not (IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax })
            || assignment.Parent is not ExpressionStatementSyntax statement
            || statement.Parent is not (BlockSyntax or SwitchSectionSyntax))
        {
            return null;
        }

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var symbol = model?.GetSymbolInfo(target, cancellationToken).Symbol;
        ITypeSymbol? type = symbol switch
        {
            ILocalSymbol local => local.Type,
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };
        if (model is null || root is null || symbol is null || type is null)
        {
            return null;
        }

        // `s = Wrap(s)` reads the old value: releasing it first would break the right-hand side.
        if (assignment.Right.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(id => id.Identifier.ValueText == symbol.Name))
        {
            return null;
        }

        var disposable = model.Compilation.GetSpecialType(SpecialType.System_IDisposable);
        if (!type.AllInterfaces.Contains(disposable) && !SymbolEqualityComparer.Default.Equals(type, disposable))
        {
            return null;
        }

        var hasPublicDispose = type.TypeKind == TypeKind.Interface
            || HasPublicDispose(type);
        ExpressionSyntax receiver = (ExpressionSyntax)target.WithoutTrivia();
        if (!hasPublicDispose)
        {
            receiver = SyntaxFactory.ParenthesizedExpression(SyntaxFactory.CastExpression(SyntaxFactory.ParseTypeName("System.IDisposable"), receiver));
        }

        ExpressionSyntax call = type.IsValueType
            ? SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("Dispose")))
            : SyntaxFactory.ConditionalAccessExpression(receiver, SyntaxFactory.InvocationExpression(SyntaxFactory.MemberBindingExpression(SyntaxFactory.IdentifierName("Dispose"))));
        var release = SyntaxFactory.ExpressionStatement(call)
            .WithLeadingTrivia(statement.GetLeadingTrivia())
            .WithTrailingTrivia(statement.GetTrailingTrivia().Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
            .WithAdditionalAnnotations(Formatter.Annotation);
        var newRoot = root.ReplaceNode(statement, new SyntaxNode[] { release, statement });
        return document.WithSyntaxRoot(newRoot);
    }

    private static bool HasPublicDispose(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetMembers("Dispose").OfType<IMethodSymbol>().Any(m => m.Parameters.Length == 0 && m.DeclaredAccessibility == Accessibility.Public && !m.IsStatic))
            {
                return true;
            }
        }

        return false;
    }
}
