using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ownership.Analyzers.Model.Flow;

/// <summary>
/// The null-test part of the flow: which branch condition tests a variable for "no resource"
/// (<c>x == null</c>, <c>x is null</c>, <c>x?.</c>, <c>handle.IsAllocated</c>, <c>ptr != IntPtr.Zero</c>),
/// and what the null branch then knows: the variable holds nothing, and what it anchors is not owned.
/// </summary>
internal sealed partial class LocalOwnershipFlow
{
    private static IOperation StripNot(IOperation condition, out bool negated)
    {
        negated = false;
        while (true)
        {
            switch (condition)
            {
                case IConversionOperation conversion:
                    condition = conversion.Operand;
                    continue;
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    negated = !negated;
                    condition = not.Operand;
                    continue;
                default:
                    return condition;
            }
        }
    }

    /// <summary>Recognizes <c>x == null</c>, <c>x is null</c>, <c>x is not null</c>, <c>x?.</c> and friends on a variable.</summary>
    private bool TryGetNullTest(IOperation condition, out int variable, out bool nullWhenTrue)
    {
        variable = -1;
        nullWhenTrue = false;
        var negated = false;
        while (true)
        {
            switch (condition)
            {
                case IConversionOperation conversion:
                    condition = conversion.Operand;
                    continue;
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    negated = !negated;
                    condition = not.Operand;
                    continue;
            }

            break;
        }

        IOperation? operand;
        switch (condition)
        {
            case IIsNullOperation isNull:
                operand = isNull.Operand;
                nullWhenTrue = true;
                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                if (IsNullConstant(binary.RightOperand) || IsNoResourceValue(binary.RightOperand, binary.LeftOperand))
                {
                    operand = binary.LeftOperand;
                }
                else if (IsNullConstant(binary.LeftOperand) || IsNoResourceValue(binary.LeftOperand, binary.RightOperand))
                {
                    operand = binary.RightOperand;
                }
                else
                {
                    return false;
                }

                nullWhenTrue = binary.OperatorKind == BinaryOperatorKind.Equals;
                break;
            case IPropertyReferenceOperation { Instance: { } instance } property
                when _knowledge.IsHoldsResourceProperty(property.Property)
                    || (property.Property.GetMethod is { } getter && _model.Summaries.SaysHoldsNothingWhenFalse(getter)):
                // handle.IsAllocated: false means the variable holds no handle.
                operand = instance;
                nullWhenTrue = false;
                break;
            case IInvocationOperation { Instance: { } instance, Arguments.Length: 0 } query when _model.Summaries.SaysHoldsNothingWhenFalse(query.TargetMethod):
                // op.CanContinue(): false means disposing op has nothing to do.
                operand = instance;
                nullWhenTrue = false;
                break;
            case IIsPatternOperation isPattern:
                operand = isPattern.Value;
                switch (isPattern.Pattern)
                {
                    case IConstantPatternOperation constant when IsNullConstant(constant.Value):
                        nullWhenTrue = true;
                        break;
                    case INegatedPatternOperation { Pattern: IConstantPatternOperation constant } when IsNullConstant(constant.Value):
                        nullWhenTrue = false;
                        break;
                    case IDeclarationPatternOperation or ITypePatternOperation or IRecursivePatternOperation when MatchesEveryNonNull(isPattern):
                        nullWhenTrue = false;
                        break;
                    default:
                        return false;
                }

                break;
            default:
                return false;
        }

        variable = VariableOf(operand);
        nullWhenTrue ^= negated;
        return variable >= 0;
    }

    /// <summary><c>x is T t</c> where every non-null x is a T: false means null.</summary>
    private static bool MatchesEveryNonNull(IIsPatternOperation isPattern)
    {
        var matched = isPattern.Pattern switch
        {
            IDeclarationPatternOperation declaration => declaration.MatchedType,
            ITypePatternOperation type => type.MatchedType,
            IRecursivePatternOperation { PropertySubpatterns.Length: 0, DeconstructionSubpatterns.Length: 0 } recursive => recursive.MatchedType,
            _ => null,
        };
        var operandType = isPattern.Value.Type;
        if (matched is null || operandType is null)
        {
            return false;
        }

        for (var current = operandType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, matched))
            {
                return true;
            }
        }

        foreach (var implemented in operandType.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented, matched))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNullConstant(IOperation operation)
        => operation.ConstantValue.HasValue && operation.ConstantValue.Value is null;

    private int VariableOf(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation switch
        {
            ILocalReferenceOperation local when _locals.TryGetValue(local.Local, out var index) => index,
            IFlowCaptureReferenceOperation capture when _captures.TryGetValue(capture.Id, out var index) => index,
            _ => -1,
        };
    }

    /// <summary>
    /// On the branch where the variable is null it holds nothing, and what only it held was never
    /// there; nor is what it anchors owned there (<c>if (rented != null) pool.Return(rented);</c>
    /// after <c>span = … ? stackalloc … : (rented = pool.Rent(n))</c>).
    /// </summary>
    private void NarrowToNull(FlowState state, int variable)
    {
        var tested = new List<int> { variable };
        if (_captureSources.TryGetValue(variable, out var source))
        {
            tested.Add(source);
        }

        foreach (var pair in _captureSources)
        {
            if (pair.Value == variable)
            {
                tested.Add(pair.Key);
            }
        }

        foreach (var allocation in new List<int>(state.Owned.Members()))
        {
            if (state.Anchors[allocation] is { } anchors && tested.Exists(anchors.Contains))
            {
                state.Owned.Remove(allocation);
                NullOnThisBranch(allocation, tested, state);
            }
        }

        List<int>? dropped = null;
        foreach (var held in tested)
        {
            Drop(held, state, ref dropped);
        }

        if (dropped is null)
        {
            return;
        }

        foreach (var allocation in dropped)
        {
            if (!state.IsReferenced(allocation))
            {
                state.Owned.Remove(allocation);
            }
        }
    }

    /// <summary>
    /// On the branch where <c>x is T</c> did not match, x holds none of the allocations that are
    /// always a T (a created <c>FileStream</c> always matches <c>case Stream s</c>); what only x held
    /// there was never there (<c>switch (source) { case Stream s: … case Other o: … }</c>).
    /// </summary>
    private void NarrowAwayByType(FlowState state, int variable, IIsPatternOperation pattern)
    {
        var matchedType = pattern.Pattern switch
        {
            IDeclarationPatternOperation declaration => declaration.MatchedType,
            ITypePatternOperation type => type.MatchedType,
            IRecursivePatternOperation { PropertySubpatterns.Length: 0, DeconstructionSubpatterns.Length: 0 } recursive => recursive.MatchedType,
            _ => null,
        };
        if (matchedType is null || state.Variables[variable] is not { } held)
        {
            return;
        }

        var tested = new List<int> { variable };
        if (_captureSources.TryGetValue(variable, out var source))
        {
            tested.Add(source);
        }

        foreach (var allocation in new List<int>(held.Members()))
        {
            if (held.IsUncertain(allocation) || !IsAlways(_allocations[allocation].Type, matchedType))
            {
                continue;
            }

            foreach (var candidate in tested)
            {
                if (state.Variables[candidate] is { } set && set.Contains(allocation))
                {
                    state.Variables[candidate] = set.Without(allocation);
                }
            }

            if (state.Owned.Contains(allocation) && state.Anchors[allocation] is { } anchors && tested.Exists(anchors.Contains))
            {
                state.Owned.Remove(allocation);
            }
        }
    }

    /// <summary>Every value of <paramref name="type"/> is a <paramref name="matched"/>.</summary>
    private static bool IsAlways(ITypeSymbol type, ITypeSymbol matched)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, matched))
            {
                return true;
            }
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented, matched))
            {
                return true;
            }
        }

        return false;
    }
}
