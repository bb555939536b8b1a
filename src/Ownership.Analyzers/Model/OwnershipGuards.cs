using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Ownership.Analyzers.Model;

/// <summary>
/// Conditional owners (DESIGN §4.4): code that owns a resource only on some paths and releases it
/// under a guard that tells those paths apart. Paths where the guard says "not owned" are not leaks.
/// A guard is one of:
/// <list type="bullet">
/// <item>an ownership flag tested after the creation: a local the method keeps, or a parameter or
/// member whose name says so (<c>ownsStream</c>, <c>leaveOpen</c>, <c>disposeHandler</c>);</item>
/// <item>identity with another value (<c>if (stream != _borrowed) stream.Dispose();</c>);</item>
/// <item>the very condition the creation was made under
/// (<c>var c = clone ? client.Clone() : client; … if (clone) c.Dispose();</c>).</item>
/// </list>
/// A release under an unrelated condition (a parameter called <c>flag</c>) is still a leak on the other path.
/// </summary>
internal static class OwnershipGuards
{
    public static bool MakesConditionalOwner(ReleaseSite release, IOperation creation)
    {
        foreach (var guard in release.Guards)
        {
            var tested = StripNot(guard);
            // A test that encloses the creation itself (`if (x) { var s = …; s.Dispose(); }`) says nothing about ownership.
            if (guard.Syntax.Parent is { } statement && statement.Span.Contains(creation.Syntax.Span))
            {
                continue;
            }

            if (IsOwnershipFlag(tested) || IsIdentityComparison(tested) || IsConditionOfCreation(guard.Syntax, creation.Syntax))
            {
                return true;
            }
        }

        return false;
    }

    private static IOperation StripNot(IOperation condition)
    {
        while (true)
        {
            switch (condition)
            {
                case IConversionOperation conversion:
                    condition = conversion.Operand;
                    continue;
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    condition = not.Operand;
                    continue;
                default:
                    return condition;
            }
        }
    }

    private static bool IsOwnershipFlag(IOperation tested)
    {
        if (tested.Type?.SpecialType != SpecialType.System_Boolean)
        {
            return false;
        }

        var name = tested switch
        {
            ILocalReferenceOperation => null,
            IParameterReferenceOperation parameter => parameter.Parameter.Name,
            IFieldReferenceOperation field => field.Field.Name,
            IPropertyReferenceOperation property => property.Property.Name,
            _ => string.Empty,
        };
        if (name is null)
        {
            return true;
        }

        return IsOwnershipFlagName(name);
    }

    /// <summary>A name that records ownership (see <see cref="Knowledge.OwnershipFlags.IsOwnershipFlagName"/>).</summary>
    public static bool IsOwnershipFlagName(string name) => Knowledge.OwnershipFlags.IsOwnershipFlagName(name);

    public static bool IsIdentityComparison(IOperation tested)
        => tested is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
            && !IsNull(comparison.LeftOperand) && !IsNull(comparison.RightOperand)
            && comparison.LeftOperand.Type?.IsReferenceType == true && comparison.RightOperand.Type?.IsReferenceType == true;

    private static bool IsNull(IOperation operation)
        => operation.ConstantValue.HasValue && operation.ConstantValue.Value is null;

    /// <summary>The guard tests the same thing that chose to create (`cond ? Create() : borrowed`, `if (cond) x = Create();`).</summary>
    private static bool IsConditionOfCreation(SyntaxNode guard, SyntaxNode creation)
    {
        var tested = Strip(guard);
        for (var node = creation.Parent; node is not null && node is not MemberDeclarationSyntax; node = node.Parent)
        {
            var condition = node switch
            {
                ConditionalExpressionSyntax conditional when !conditional.Condition.Span.Contains(creation.Span) => conditional.Condition,
                IfStatementSyntax @if when !@if.Condition.Span.Contains(creation.Span) => @if.Condition,
                _ => null,
            };
            if (condition is not null && SyntaxFactory.AreEquivalent(Strip(condition), tested))
            {
                return true;
            }
        }

        return false;
    }

    private static SyntaxNode Strip(SyntaxNode condition)
    {
        while (true)
        {
            switch (condition)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    condition = parenthesized.Expression;
                    continue;
                case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.LogicalNotExpression):
                    condition = prefix.Operand;
                    continue;
                default:
                    return condition;
            }
        }
    }
}
