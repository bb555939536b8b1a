using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Model;

namespace Ownership.Analyzers.Rules.Lifetimes;

/// <summary>
/// OWN303: a resource released by its <c>using</c> when the scope ends, while something that
/// outlives the scope still refers to it — the resource itself returned or stored, or (in a
/// method that is not async) an un-awaited task, a deferred query or a lambda that uses it.
/// </summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN303EscapesUsingScopeAnalyzer : MethodOwnershipAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN303);

    private protected override void Analyze(OperationBlockAnalysisContext context, OwnershipModel model, FunctionOwnership function)
    {
        // The returned expressions of each function body, read once however many using locals it has.
        System.Collections.Generic.Dictionary<SyntaxNode, ReturnedExpression[]>? returnsByBody = null;
        foreach (var allocation in function.Allocations)
        {
            if (allocation.Local is not { } local || !allocation.Releases.Any(r => r.IsImplicit))
            {
                continue;
            }

            if ((allocation.Transfers & (TransferKinds.Returned | TransferKinds.Stored)) != 0)
            {
                // The resource itself leaves the scope that disposes it.
                var how = (allocation.Transfers & TransferKinds.Returned) != 0 ? "the value returned" : "the member it is stored in";
                context.ReportOwnership(Diagnostic.Create(Descriptors.OWN303, allocation.Creation.Syntax.GetLocation(), local.Name, how));
                continue;
            }

            if (function.IsAsync || FunctionBody(allocation.Creation.Syntax) is not { } body)
            {
                continue;
            }

            returnsByBody ??= new System.Collections.Generic.Dictionary<SyntaxNode, ReturnedExpression[]>();
            if (!returnsByBody.TryGetValue(body, out var returns))
            {
                returns = Returns(body).Select(r => new ReturnedExpression(r)).ToArray();
                returnsByBody.Add(body, returns);
            }

            if (returns.Length == 0)
            {
                continue;
            }

            // The driver's model (adopted by the method rules' plumbing): a fresh one would bind the whole body again.
            if (model.Summaries.SemanticModelFor(body.SyntaxTree) is not { } semanticModel)
            {
                return;
            }

            foreach (var returned in returns)
            {
                if (returned.Names.Contains(local.Name) && DescribeEscape(returned.Expression, local, semanticModel, model) is { } what)
                {
                    context.ReportOwnership(Diagnostic.Create(Descriptors.OWN303, returned.Expression.GetLocation(), local.Name, what));
                }
            }
        }
    }

    /// <summary>A returned expression and the identifiers in it: a cheap test before asking the semantic model.</summary>
    private sealed class ReturnedExpression
    {
        public ReturnedExpression(ExpressionSyntax expression)
        {
            Expression = expression;
            foreach (var identifier in expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                Names.Add(identifier.Identifier.ValueText);
            }
        }

        public ExpressionSyntax Expression { get; }

        public System.Collections.Generic.HashSet<string> Names { get; } = new(System.StringComparer.Ordinal);
    }

    private static SyntaxNode? FunctionBody(SyntaxNode node)
        => node.Ancestors().FirstOrDefault(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax);

    /// <summary>Returned expressions of this function, not of nested lambdas or local functions.</summary>
    private static System.Collections.Generic.IEnumerable<ExpressionSyntax> Returns(SyntaxNode function)
    {
        foreach (var node in function.DescendantNodes(n => n == function || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            switch (node)
            {
                case ReturnStatementSyntax { Expression: { } expression }:
                    yield return expression;
                    break;
                case ArrowExpressionClauseSyntax arrow when arrow.Parent == function:
                    yield return arrow.Expression;
                    break;
            }
        }
    }

    /// <summary>What in a returned expression still uses the local after the scope ends, or null.</summary>
    private static string? DescribeEscape(ExpressionSyntax returned, ILocalSymbol local, SemanticModel semanticModel, OwnershipModel model)
    {
        if (!MentionsLocal(returned, local, semanticModel))
        {
            return null;
        }

        if (returned is AnonymousFunctionExpressionSyntax)
        {
            return "the returned lambda that uses it";
        }

        var type = semanticModel.GetTypeInfo(returned).Type;
        if (type is null)
        {
            return null;
        }

        if (model.Knowledge.Types.IsTaskLike(type))
        {
            return "the returned task, which is not awaited inside the scope,";
        }

        if (IsDeferredSequence(type, model) && returned is InvocationExpressionSyntax
            && semanticModel.GetSymbolInfo(returned).Symbol is IMethodSymbol method && IsDeferred(method, model))
        {
            return "the returned query, which runs only when enumerated,";
        }

        return null;
    }

    private static bool MentionsLocal(ExpressionSyntax expression, ILocalSymbol local, SemanticModel semanticModel)
        => expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
            .Any(id => id.Identifier.ValueText == local.Name && SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(id).Symbol, local));

    /// <summary>
    /// A LINQ operator, or a source iterator: enumerated later. A library method that merely
    /// returns IEnumerable (often a buffered list) is not assumed deferred.
    /// </summary>
    private static bool IsDeferred(IMethodSymbol method, OwnershipModel model)
    {
        var original = method.ReducedFrom ?? method;
        if (original.ContainingType?.ToDisplayString() is "System.Linq.Enumerable" or "System.Linq.Queryable" or "System.Linq.AsyncEnumerable")
        {
            return original.Name is not ("ToList" or "ToArray" or "ToDictionary" or "ToHashSet" or "ToLookup");
        }

        return model.Summaries.GetBodyOf(original) is { } body
            && body.DescendantsAndSelf().Any(o => o.Kind == OperationKind.YieldReturn);
    }

    /// <summary>IEnumerable&lt;T&gt; / IAsyncEnumerable&lt;T&gt; as such (not a list or an array: those are materialized).</summary>
    private static bool IsDeferredSequence(ITypeSymbol type, OwnershipModel model)
        => type is INamedTypeSymbol { IsGenericType: true } named
            && (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, model.Knowledge.Types.IEnumerableOfT)
                || SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, model.Knowledge.Types.IAsyncEnumerableOfT)
                || named.OriginalDefinition.ToDisplayString() is "System.Linq.IOrderedEnumerable<TElement>" or "System.Linq.IQueryable<T>");
}
