using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Ownership.Analyzers.Model.Types;

/// <summary>
/// Members that code of this compilation releases through another instance (DESIGN §1, the type
/// as owner): <c>Configuration.Timer.Dispose()</c> in the cluster that holds the configuration.
/// Whoever holds the instance then ends the member's lifetime, so a type that is not disposable
/// itself (OWN201), or whose own disposal skips the member (OWN202), does not lose it.
/// The index is built once per compilation, the first time a type would lose a member: a syntax
/// pass keeps the release calls whose receiver is another object's member (<c>x.Timer.Dispose()</c>,
/// <c>x.Timer?.Dispose()</c>), by member name; only those with the asked name are bound.
/// </summary>
internal sealed class ExternalReleases
{
    private static readonly HashSet<string> ReleaseNames = new(StringComparer.Ordinal) { "Dispose", "DisposeAsync", "Close" };

    private readonly OwnershipModel _model;
    private readonly Lazy<Dictionary<string, List<(InvocationExpressionSyntax Call, ExpressionSyntax Receiver)>>> _candidates;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ISymbol, bool> _answers = new(SymbolEqualityComparer.Default);

    public ExternalReleases(OwnershipModel model)
    {
        _model = model;
        _candidates = new(Collect, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Some code releases <paramref name="member"/> through an instance other than its own <c>this</c>.</summary>
    public bool IsReleasedThroughAnotherInstance(ISymbol member)
    {
        if (member.IsStatic || member.DeclaredAccessibility == Accessibility.Private && member.ContainingType?.GetTypeMembers().IsEmpty != false)
        {
            // Only the type itself (or a type nested in it) can reach a private member.
            return false;
        }

        return _answers.GetOrAdd(member.OriginalDefinition, Compute);
    }

    private bool Compute(ISymbol member)
    {
        if (!_candidates.Value.TryGetValue(member.Name, out var receivers))
        {
            return false;
        }

        foreach (var (call, receiver) in receivers)
        {
            if (_model.Summaries.SemanticModelFor(receiver.SyntaxTree) is not { } semanticModel)
            {
                continue;
            }

            if (semanticModel.GetSymbolInfo(call).Symbol is IMethodSymbol method && Knowledge.OwnershipKnowledge.IsReleaseMethod(method)
                && semanticModel.GetOperation(receiver) is IMemberReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Member.OriginalDefinition, member)
                && reference.Instance is { } instance
                && _model.Unwrap(instance) is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance })
            {
                return true;
            }
        }

        return false;
    }

    private Dictionary<string, List<(InvocationExpressionSyntax Call, ExpressionSyntax Receiver)>> Collect()
    {
        var found = new Dictionary<string, List<(InvocationExpressionSyntax Call, ExpressionSyntax Receiver)>>(StringComparer.Ordinal);
        foreach (var tree in _model.Compilation.SyntaxTrees)
        {
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax invocation || ReceiverOfRelease(invocation) is not MemberAccessExpressionSyntax receiver
                    || receiver.Expression is ThisExpressionSyntax)
                {
                    continue;
                }

                var name = receiver.Name.Identifier.ValueText;
                if (!found.TryGetValue(name, out var list))
                {
                    found[name] = list = new List<(InvocationExpressionSyntax Call, ExpressionSyntax Receiver)>();
                }

                list.Add((invocation, receiver));
            }
        }

        return found;
    }

    /// <summary>The expression a <c>Dispose()</c>/<c>DisposeAsync()</c>/<c>Close()</c> call is made on, through <c>?.</c> too.</summary>
    private static ExpressionSyntax? ReceiverOfRelease(InvocationExpressionSyntax invocation)
    {
        switch (invocation.Expression)
        {
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } access when ReleaseNames.Contains(name):
                return Strip(access.Expression);
            case MemberBindingExpressionSyntax { Name.Identifier.ValueText: var bound } when ReleaseNames.Contains(bound)
                && invocation.Parent is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull == invocation:
                return Strip(conditional.Expression);
            default:
                return null;
        }
    }

    private static ExpressionSyntax Strip(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    continue;
                case CastExpressionSyntax cast:
                    expression = cast.Expression;
                    continue;
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } bang:
                    expression = bang.Operand;
                    continue;
                default:
                    return expression;
            }
        }
    }
}
