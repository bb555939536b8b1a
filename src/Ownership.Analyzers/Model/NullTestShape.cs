using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ownership.Analyzers.Model;

/// <summary>
/// The plain shapes of a null test, shared by every part of the model that asks "is this condition
/// a null test of that value?": <c>x == null</c>, <c>x != null</c>, <c>x is null</c>,
/// <c>x is not null</c>, and any of them under <c>!</c>. Conversions around the operand are removed.
/// </summary>
internal static class NullTestShape
{
    public static bool TryMatch(IOperation condition, out IOperation operand, out bool nullWhenTrue)
    {
        var negated = false;
        while (true)
        {
            if (condition is IConversionOperation conversion)
            {
                condition = conversion.Operand;
            }
            else if (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
            {
                negated = !negated;
                condition = not.Operand;
            }
            else
            {
                break;
            }
        }

        IOperation? tested;
        switch (condition)
        {
            case IIsNullOperation isNull:
                tested = isNull.Operand;
                nullWhenTrue = true;
                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                tested = IsNull(binary.RightOperand) ? binary.LeftOperand : IsNull(binary.LeftOperand) ? binary.RightOperand : null;
                nullWhenTrue = binary.OperatorKind == BinaryOperatorKind.Equals;
                break;
            case IIsPatternOperation { Pattern: IConstantPatternOperation constant } pattern when IsNull(constant.Value):
                tested = pattern.Value;
                nullWhenTrue = true;
                break;
            case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation constant } } pattern when IsNull(constant.Value):
                tested = pattern.Value;
                nullWhenTrue = false;
                break;
            default:
                tested = null;
                nullWhenTrue = false;
                break;
        }

        while (tested is IConversionOperation inner)
        {
            tested = inner.Operand;
        }

        operand = tested!;
        nullWhenTrue ^= negated;
        return tested is not null;
    }

    private static bool IsNull(IOperation operation) => operation.ConstantValue is { HasValue: true, Value: null };
}
