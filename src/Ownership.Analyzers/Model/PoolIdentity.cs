using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;

namespace Ownership.Analyzers.Model;

/// <summary>
/// Whether an array is returned to the pool it was rented from. Pools are objects the model does
/// not track, so it only claims "different" where that is certain: the shared pool
/// (<c>ArrayPool&lt;T&gt;.Shared</c>) against a pool this method made itself
/// (<c>ArrayPool&lt;T&gt;.Create()</c>, <c>new</c>), or two distinct pools made here. A field, a
/// parameter or a property may be the shared pool or any other: assumed to be the same.
/// </summary>
internal static class PoolIdentity
{
    private enum PoolKind
    {
        Unknown,
        Shared,
        MadeHere,
    }

    /// <summary>True when <paramref name="returnedTo"/> is certainly another pool than <paramref name="rentedFrom"/>.</summary>
    /// <param name="body">The function body, where pools made here are declared.</param>
    public static bool AreDifferent(WellKnownTypes types, IOperation? rentedFrom, IOperation? returnedTo, IOperation body)
    {
        var (rentedKind, rentedLocal) = Classify(types, rentedFrom, body);
        var (returnedKind, returnedLocal) = Classify(types, returnedTo, body);
        return (rentedKind, returnedKind) switch
        {
            (PoolKind.Shared, PoolKind.MadeHere) or (PoolKind.MadeHere, PoolKind.Shared) => true,
            (PoolKind.MadeHere, PoolKind.MadeHere) => !SymbolEqualityComparer.Default.Equals(rentedLocal, returnedLocal),
            _ => false,
        };
    }

    /// <summary>A short name for the pool in messages (<c>ArrayPool&lt;byte&gt;.Shared</c>, <c>pool</c>).</summary>
    public static string Describe(IOperation? pool)
        => pool is null ? "the pool" : Shorten(pool.Syntax.ToString());

    private static (PoolKind Kind, ILocalSymbol? Local) Classify(WellKnownTypes types, IOperation? pool, IOperation body)
    {
        while (pool is IConversionOperation or IParenthesizedOperation)
        {
            pool = pool is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)pool).Operand;
        }

        switch (pool)
        {
            case IPropertyReferenceOperation { Property: { IsStatic: true, Name: "Shared" } property } when IsArrayPool(types, property.ContainingType):
                return (PoolKind.Shared, null);
            case ILocalReferenceOperation local when IsMadeHere(types, local.Local, body):
                return (PoolKind.MadeHere, local.Local);
            default:
                return (PoolKind.Unknown, null);
        }
    }

    /// <summary>Every value the local is given in the body is a new pool (<c>ArrayPool&lt;T&gt;.Create(…)</c>, <c>new …Pool()</c>).</summary>
    private static bool IsMadeHere(WellKnownTypes types, ILocalSymbol local, IOperation body)
    {
        var any = false;
        foreach (var operation in body.DescendantsAndSelf())
        {
            var value = operation switch
            {
                IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) => declarator.GetVariableInitializer()?.Value,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local) => assignment.Value,
                _ => null,
            };
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            switch (value)
            {
                case null:
                    continue;
                case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "Create" } create } when IsArrayPool(types, create.ContainingType):
                case IObjectCreationOperation:
                    any = true;
                    continue;
                default:
                    return false;
            }
        }

        return any;
    }

    private static bool IsArrayPool(WellKnownTypes types, INamedTypeSymbol? type)
        => type is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, types.ArrayPoolOfT);

    private static string Shorten(string text)
    {
        text = string.Join(" ", text.Split(new[] { '\r', '\n', '\t', ' ' }, System.StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}
