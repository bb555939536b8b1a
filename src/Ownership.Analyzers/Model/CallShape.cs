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

    /// <summary>
    /// The result may wrap the argument, by the call's shape alone: enough to stop owning the
    /// argument, never proof that releasing or returning the result releases or returns it.
    /// </summary>
    AssumedAlias,
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
        "TryUpdate", "Set", "Register", "Attach", "AddFirst", "AddLast", "AddBefore", "AddAfter");

    /// <summary>A collection-like call that keeps what it is given (<c>Add</c>, <c>Enqueue</c>, <c>TryAdd</c>…).</summary>
    public static bool IsAddLike(IMethodSymbol method) => AddLikeNames.Contains(method.Name);

    /// <summary>
    /// A registration: <c>RegisterProvider(p)</c>, <c>AddProvider(p)</c>, <c>AttachHandler(h)</c> — a verb
    /// that keeps what it is given followed by what it is kept as. A library method nothing else is
    /// known about that registers a resource is taken to keep it (precision first).
    /// </summary>
    private static bool IsRegistration(IMethodSymbol method)
        => AddLikeNames.Contains(method.Name)
            || HasVerbPrefix(method.Name, "Register") || HasVerbPrefix(method.Name, "Add") || HasVerbPrefix(method.Name, "Attach");

    private static bool HasVerbPrefix(string name, string verb)
        => name.Length > verb.Length && name.StartsWith(verb, System.StringComparison.Ordinal) && char.IsUpper(name[verb.Length]);

    public static ArgumentDecision Decide(OwnershipKnowledge knowledge, IMethodSymbol method, IParameterSymbol parameter, bool resultIsResource)
    {
        if (method.MethodKind is MethodKind.Constructor or MethodKind.DelegateInvoke)
        {
            // A new object may keep what it is built from; a delegate may do anything.
            return ArgumentDecision.Transfer;
        }

        if (IsRegistration(method))
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

    /// <summary>
    /// The same default for a resource that is not an object (a rented array, a pointer, a
    /// GCHandle): passing it to a parameter of its own type is using it (<c>stream.Read(buffer)</c>),
    /// not handing it on — unless the parameter is wide enough to be kept (<c>object</c>, <c>T</c>:
    /// a queue, a channel), the call is add-like or a delegate. A result that can carry it (a span,
    /// a wrapper, a pointer) stands for it.
    /// </summary>
    public static ArgumentDecision DecideForHandle(OwnershipKnowledge knowledge, IMethodSymbol method, IParameterSymbol parameter)
    {
        if (method.MethodKind == MethodKind.DelegateInvoke || AddLikeNames.Contains(method.Name))
        {
            return ArgumentDecision.Transfer;
        }

        var declared = parameter.OriginalDefinition.Type;
        if (declared is ITypeParameterSymbol || declared.SpecialType == SpecialType.System_Object)
        {
            return ArgumentDecision.Transfer;
        }

        var result = method.MethodKind == MethodKind.Constructor ? method.ContainingType : method.ReturnType;
        return CanCarry(knowledge, result) ? ArgumentDecision.Alias : ArgumentDecision.Keep;
    }

    /// <summary>
    /// A value of this type may hold on to the array or memory it was made from (a span, a
    /// stream over it, a pointer); a number, a string, a bool or a task does not.
    /// </summary>
    public static bool CanCarry(OwnershipKnowledge knowledge, ITypeSymbol? type)
    {
        if (type is null || type.TypeKind == TypeKind.Enum || knowledge.Types.IsTaskLike(type))
        {
            return false;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Void:
            case SpecialType.System_Boolean:
            case SpecialType.System_Char:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Decimal:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_String:
            case SpecialType.System_DateTime:
                return false;
            default:
                return true;
        }
    }
}
