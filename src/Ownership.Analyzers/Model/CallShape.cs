using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Knowledge;

namespace Ownership.Analyzers.Model;

/// <summary>What a call does with a resource argument when no fact and no summary says.</summary>
internal enum ArgumentDecision
{
    Keep,
    Transfer,
    Alias,
}

/// <summary>
/// The model's defaults for calls nothing is known about, decided from the call's shape alone.
/// Used by the flow and by the summaries alike, so that both read a call the same way.
/// Precision first: where a callee might keep the argument, assume it does.
/// </summary>
internal static class CallShape
{
    /// <summary>Method names of collection-like calls that keep what they are given.</summary>
    private static readonly ImmutableHashSet<string> AddLikeNames = ImmutableHashSet.Create(
        "Add", "AddRange", "Insert", "InsertRange", "Push", "Enqueue", "TryAdd", "AddOrUpdate", "GetOrAdd",
        "TryUpdate", "Set", "Register", "Attach");

    public static ArgumentDecision Decide(OwnershipKnowledge knowledge, IMethodSymbol method, IParameterSymbol parameter, bool resultIsResource)
    {
        if (method.MethodKind is MethodKind.Constructor or MethodKind.DelegateInvoke)
        {
            // A new object may keep what it is built from; a delegate may do anything.
            return ArgumentDecision.Transfer;
        }

        if (AddLikeNames.Contains(method.Name))
        {
            return ArgumentDecision.Transfer;
        }

        if (resultIsResource)
        {
            // The result may wrap the argument: releasing the result releases it.
            return ArgumentDecision.Alias;
        }

        // A resource-typed parameter (Stream, TextReader…) is used; anything wider (object, T,
        // an interface that is not disposable) may be stored.
        return knowledge.IsResourceType(parameter.Type) ? ArgumentDecision.Keep : ArgumentDecision.Transfer;
    }
}
