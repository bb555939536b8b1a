using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ownership.Analyzers.CodeFixes;

/// <summary>Facts about a local's uses that decide whether a fix keeps the code compiling.</summary>
internal static class LocalUsage
{
    /// <summary>True when the local is written after its declaration (assigned, ++/--, ref or out): a using local cannot be.</summary>
    public static bool IsWrittenAfterDeclaration(SemanticModel model, ILocalSymbol local, SyntaxNode scope, CancellationToken cancellationToken)
    {
        foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != local.Name
                || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local))
            {
                continue;
            }

            switch (identifier.Parent)
            {
                case AssignmentExpressionSyntax assignment when assignment.Left == identifier:
                case PostfixUnaryExpressionSyntax:
                case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression):
                case ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None):
                    return true;
            }
        }

        return false;
    }

    /// <summary>The enclosing function body (method, accessor, lambda, local function) or the compilation unit.</summary>
    public static SyntaxNode FunctionScope(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (current is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or CompilationUnitSyntax)
            {
                return current;
            }
        }

        return node.SyntaxTree.GetRoot();
    }

    /// <summary>True when <paramref name="node"/> is inside an async function (where <c>await</c> may be written).</summary>
    public static bool IsInAsyncFunction(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        var scope = FunctionScope(node);
        if (scope is CompilationUnitSyntax unit)
        {
            // Top-level code is async only if it already awaits: adding the first await would change
            // the program's entry point.
            return unit.Members.OfType<GlobalStatementSyntax>().Any(g => g.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<AwaitExpressionSyntax>().Any()
                || unit.Members.OfType<GlobalStatementSyntax>().Any(g => g.Statement is LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: not 0 } or ForEachStatementSyntax { AwaitKeyword.RawKind: not 0 } or UsingStatementSyntax { AwaitKeyword.RawKind: not 0 }));
        }

        var symbol = scope is AnonymousFunctionExpressionSyntax
            ? model.GetSymbolInfo(scope, cancellationToken).Symbol
            : model.GetDeclaredSymbol(scope, cancellationToken);
        if (symbol is not IMethodSymbol { IsAsync: true })
        {
            return false;
        }

        // await is not allowed in a lock body.
        return !node.Ancestors().TakeWhile(n => n != scope).Any(n => n is LockStatementSyntax);
    }
}
