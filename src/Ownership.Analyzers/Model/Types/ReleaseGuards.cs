using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ownership.Analyzers.Model.Types;

/// <summary>What a release in a disposal method is conditioned on: an ownership flag, or the `disposing` argument.</summary>
internal static class ReleaseGuards
{
    public static bool IsDisposeBool(IMethodSymbol method)
        => method.Name == "Dispose" && method.Parameters.Length == 1 && method.Parameters[0].Type.SpecialType == SpecialType.System_Boolean && !method.IsStatic;

    /// <summary>
    /// The release sits under an ownership flag (<c>if (_ownsStream)</c>, <c>if (!_leaveOpen)</c>) or an
    /// identity test (<c>if (_s != _shared)</c>) — not under <c>if (disposing)</c> or <c>if (!_disposed)</c>.
    /// </summary>
    public static bool IsOwnershipGuarded(IOperation release)
    {
        for (var current = release.Parent; current is not null; current = current.Parent)
        {
            if (current is not IConditionalOperation { Condition: var condition })
            {
                continue;
            }

            if (IsOwnershipTest(condition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An ownership flag or identity test, alone or as one conjunct of <c>&amp;&amp;</c> (<c>disposing &amp;&amp; _disposeOnClose</c>).</summary>
    private static bool IsOwnershipTest(IOperation condition)
    {
        var tested = condition;
        while (tested is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            tested = not.Operand;
        }

        if (tested is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and && ReferenceEquals(tested, condition))
        {
            return IsOwnershipTest(and.LeftOperand) || IsOwnershipTest(and.RightOperand);
        }

        var flagName = tested switch
        {
            IFieldReferenceOperation field => field.Field.Name,
            IPropertyReferenceOperation property => property.Property.Name,
            IParameterReferenceOperation parameter => parameter.Parameter.Name,
            ILocalReferenceOperation local => local.Local.Name,
            _ => null,
        };
        if (tested.Type?.SpecialType == SpecialType.System_Boolean && flagName is not null && OwnershipGuards.IsOwnershipFlagName(flagName))
        {
            return true;
        }

        return OwnershipGuards.IsIdentityComparison(tested);
    }

    /// <summary>
    /// The operation runs only when <paramref name="disposing"/> is tested first: inside any condition
    /// that reads it (<c>if (disposing)</c>, <c>if (disposing &amp;&amp; _x != null)</c>, <c>disposing ? … : …</c>), or
    /// after an early exit on it (<c>if (!disposing) return;</c>). Any test counts — precision first.
    /// </summary>
    public static bool IsUnderDisposingTest(IOperation operation, IParameterSymbol disposing, IOperation body)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IConditionalOperation { Condition: var condition } && Mentions(condition, disposing))
            {
                return true;
            }
        }

        var start = operation.Syntax.SpanStart;
        return body.DescendantsAndSelf().OfType<IConditionalOperation>().Any(test =>
            test.Syntax.Span.End <= start
            && Mentions(test.Condition, disposing)
            && test.WhenTrue.DescendantsAndSelf().Any(exit => exit is IReturnOperation or IThrowOperation));
    }

    public static bool Mentions(IOperation operation, IParameterSymbol parameter)
        => operation.DescendantsAndSelf().OfType<IParameterReferenceOperation>().Any(p => SymbolEqualityComparer.Default.Equals(p.Parameter, parameter));
}
