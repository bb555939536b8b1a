using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Ownership.Analyzers.Rules.Pools;

namespace Ownership.Analyzers.CodeFixes.Pools;

/// <summary>
/// Wraps everything after the declaration of a rented array, native memory or GCHandle in
/// <c>try</c>, and releases it in <c>finally</c> with the release that matches its factory
/// (<c>pool.Return(buffer)</c>, <c>Marshal.FreeHGlobal(p)</c>, <c>NativeMemory.AlignedFree(p)</c>,
/// <c>handle.Free()</c>). Offered only where that keeps behaviour and compiles: nothing else
/// releases or hands the value on, it is a single local declared directly in a block and never
/// written again, and the pool or type it came from can be named again without side effects.
/// </summary>
internal static class ReleaseInFinallyIntroducer
{
    public static async Task<Document?> IntroduceAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.ContainsKey(HandleOwnershipAnalyzer.NeverReleasedProperty)
            || !diagnostic.Properties.TryGetValue(HandleOwnershipAnalyzer.ReleaseMethodProperty, out var releaseMethod)
            || releaseMethod is null
            || node is not InvocationExpressionSyntax creation)
        {
            return null;
        }

        SyntaxNode value = creation;
        while (value.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
        {
            value = value.Parent;
        }

        if (value.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } declaration
            || declaration.Parent is not LocalDeclarationStatementSyntax statement
            || !statement.UsingKeyword.IsKind(SyntaxKind.None)
            || statement.IsConst
            || statement.Parent is not BlockSyntax block)
        {
            return null;
        }

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || root is null
            || model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local
            || model.GetSymbolInfo(creation, cancellationToken).Symbol is not IMethodSymbol factory
            || LocalUsage.IsWrittenAfterDeclaration(model, local, LocalUsage.FunctionScope(statement), cancellationToken))
        {
            return null;
        }

        var release = diagnostic.Properties.ContainsKey(HandleOwnershipAnalyzer.ReleasedOnValueProperty)
            ? ReleaseOnValue(local, releaseMethod)
            : ReleaseThroughFactoryOwner(model, creation, factory, local, releaseMethod, statement.SpanStart);
        if (release is null)
        {
            return null;
        }

        var index = block.Statements.IndexOf(statement);
        var following = block.Statements.Skip(index + 1).ToList();
        if (following.Any(s => s is LocalFunctionStatementSyntax or LabeledStatementSyntax))
        {
            // Local functions are visible in the whole block, labels are targets of gotos: moving them changes what compiles.
            return null;
        }

        var releaseStatement = SyntaxFactory.ExpressionStatement(release);
        var statements = block.Statements.Take(index + 1).ToList();
        if (following.Count == 0)
        {
            statements.Add(releaseStatement.WithAdditionalAnnotations(Formatter.Annotation));
        }
        else
        {
            following[0] = following[0].WithLeadingTrivia(following[0].GetLeadingTrivia().SkipWhile(t => t.IsKind(SyntaxKind.EndOfLineTrivia) || t.IsKind(SyntaxKind.WhitespaceTrivia)));
            var tryStatement = SyntaxFactory.TryStatement(
                SyntaxFactory.Block(following),
                default,
                SyntaxFactory.FinallyClause(SyntaxFactory.Block(releaseStatement)));
            statements.Add(tryStatement.WithAdditionalAnnotations(Formatter.Annotation));
        }

        return document.WithSyntaxRoot(root.ReplaceNode(block, block.WithStatements(SyntaxFactory.List(statements))));
    }

    /// <summary><c>handle.Free()</c>: only when the local's own type has that method (not a boxed handle).</summary>
    private static ExpressionSyntax? ReleaseOnValue(ILocalSymbol local, string releaseMethod)
    {
        if (!local.Type.GetMembers(releaseMethod).OfType<IMethodSymbol>().Any(m => !m.IsStatic && m.Parameters.Length == 0))
        {
            return null;
        }

        return SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(local.Name), SyntaxFactory.IdentifierName(releaseMethod)));
    }

    /// <summary>
    /// <c>X.Release(local)</c> where <c>X</c> is what the factory was called on, written as the
    /// code wrote it (<c>ArrayPool&lt;byte&gt;.Shared</c>, <c>_pool</c>, <c>Marshal</c>), with a cast when
    /// the local's type does not convert implicitly (<c>byte*</c> to <c>IntPtr</c>).
    /// </summary>
    private static ExpressionSyntax? ReleaseThroughFactoryOwner(SemanticModel model, InvocationExpressionSyntax creation, IMethodSymbol factory, ILocalSymbol local, string releaseMethod, int position)
    {
        ExpressionSyntax target;
        switch (creation.Expression)
        {
            case MemberAccessExpressionSyntax access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression) && IsNameOnly(access.Expression):
                target = access.WithName(SyntaxFactory.IdentifierName(releaseMethod));
                break;
            case IdentifierNameSyntax:
                target = SyntaxFactory.IdentifierName(releaseMethod);
                break;
            default:
                return null;
        }

        var release = Members(factory.ContainingType, releaseMethod)
            .FirstOrDefault(m => m.IsStatic == factory.IsStatic && m.Parameters.Length >= 1 && m.Parameters.Skip(1).All(p => p.IsOptional));
        if (release is null)
        {
            return null;
        }

        var parameterType = release.Parameters[0].Type;
        var conversion = model.Compilation.ClassifyConversion(local.Type, parameterType);
        ExpressionSyntax argument = SyntaxFactory.IdentifierName(local.Name);
        if (!conversion.Exists)
        {
            return null;
        }

        if (!conversion.IsImplicit)
        {
            argument = SyntaxFactory.CastExpression(SyntaxFactory.ParseTypeName(parameterType.ToMinimalDisplayString(model, position)), argument);
        }

        return SyntaxFactory.InvocationExpression(target, SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(argument))));
    }

    /// <summary>The receiver can be named again without running anything: names, member accesses, <c>this</c>, types.</summary>
    private static bool IsNameOnly(ExpressionSyntax expression)
        => expression switch
        {
            IdentifierNameSyntax or GenericNameSyntax or PredefinedTypeSyntax or ThisExpressionSyntax or BaseExpressionSyntax or AliasQualifiedNameSyntax or QualifiedNameSyntax => true,
            MemberAccessExpressionSyntax access => access.IsKind(SyntaxKind.SimpleMemberAccessExpression) && IsNameOnly(access.Expression),
            _ => false,
        };

    private static IEnumerable<IMethodSymbol> Members(INamedTypeSymbol? type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var method in current.GetMembers(name).OfType<IMethodSymbol>())
            {
                yield return method;
            }
        }
    }
}
