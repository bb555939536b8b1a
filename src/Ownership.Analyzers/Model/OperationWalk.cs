using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ownership.Analyzers.Model;

/// <summary>Small walks over operation trees shared by the summaries (one copy, not one per summary kind).</summary>
internal static class OperationWalk
{
    /// <summary>The operation sits in a lambda or local function: what it does may happen later, elsewhere.</summary>
    public static bool IsInsideNestedFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The operation that consumes a value, looking through conversions and parentheses;
    /// <paramref name="current"/> becomes the outermost wrapper of the value.
    /// </summary>
    public static IOperation? Consumer(IOperation value, out IOperation current)
    {
        current = value;
        var parent = current.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            current = parent;
            parent = parent.Parent;
        }

        return parent;
    }
}
