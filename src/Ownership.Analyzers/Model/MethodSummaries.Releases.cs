using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;

namespace Ownership.Analyzers.Model;

/// <summary>
/// Which parameters a source method surely releases before it returns (OWN301: a caller that
/// uses the argument afterwards uses a disposed object). Deliberately narrow: a synchronous,
/// non-iterator method whose body releases the parameter unconditionally — a statement of the
/// body itself (or of a <c>try</c> / <c>using</c> / <c>lock</c> in it), with no <c>return</c>
/// before it and no assignment to the parameter.
/// </summary>
internal sealed partial class MethodSummaries
{
    private readonly ConcurrentDictionary<IMethodSymbol, bool[]> _releasesParameter = new(SymbolEqualityComparer.Default);

    /// <summary>True when the source method releases <paramref name="parameter"/> on every normal path.</summary>
    public bool SurelyReleasesParameter(IMethodSymbol method, IParameterSymbol parameter)
    {
        method = Normalize(method);
        if (method.IsAsync || method.MethodKind == MethodKind.Constructor || !IsSourceMethodWithBody(method) || parameter.Ordinal >= method.Parameters.Length)
        {
            return false;
        }

        var released = _releasesParameter.GetOrAdd(method, ComputeReleasedParameters);
        return released.Length > parameter.Ordinal && released[parameter.Ordinal];
    }

    private bool[] ComputeReleasedParameters(IMethodSymbol method)
    {
        var body = GetBody(method);
        if (body is null)
        {
            return System.Array.Empty<bool>();
        }

        var released = new bool[method.Parameters.Length];
        var assigned = new bool[method.Parameters.Length];
        var exits = new System.Collections.Generic.List<IReturnOperation>();
        foreach (var operation in DescendantsOutsideNestedFunctions(body))
        {
            switch (operation)
            {
                case IReturnOperation { Kind: OperationKind.YieldReturn or OperationKind.YieldBreak }:
                    return System.Array.Empty<bool>();
                case IReturnOperation @return:
                    exits.Add(@return);
                    break;
                case IAssignmentOperation { Target: IParameterReferenceOperation target } when target.Parameter.Ordinal < assigned.Length:
                    assigned[target.Parameter.Ordinal] = true;
                    break;
            }
        }

        foreach (var operation in DescendantsOutsideNestedFunctions(body))
        {
            if (ReleasedParameter(operation) is { } parameter
                && parameter.Ordinal < released.Length
                && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method)
                && !assigned[parameter.Ordinal]
                && exits.TrueForAll(exit => exit.Syntax.SpanStart > operation.Syntax.SpanStart || IsReturnWhenNull(exit, parameter))
                && RunsUnconditionally(operation, body, parameter))
            {
                released[parameter.Ordinal] = true;
            }
        }

        return released;
    }

    /// <summary><c>p.Dispose()</c>, <c>p.Close()</c>, <c>using (p)</c>: the parameter it releases.</summary>
    private IParameterSymbol? ReleasedParameter(IOperation operation)
        => operation switch
        {
            IInvocationOperation { Instance: IConditionalAccessInstanceOperation } invocation when OwnershipKnowledge.IsReleaseMethod(invocation.TargetMethod)
                => (_model.Unwrap(AccessedBy(invocation)) as IParameterReferenceOperation)?.Parameter,
            IInvocationOperation { Instance: { } instance } invocation when OwnershipKnowledge.IsReleaseMethod(invocation.TargetMethod)
                => (_model.Unwrap(instance) as IParameterReferenceOperation)?.Parameter,
            IUsingOperation { Resources: { } resource } => (_model.Unwrap(resource) as IParameterReferenceOperation)?.Parameter,
            _ => null,
        };

    /// <summary>Every enclosing operation up to the body runs whenever the body runs (no branch, loop or handler).</summary>
    private static bool RunsUnconditionally(IOperation operation, IOperation body, IParameterSymbol released)
    {
        var child = operation;
        for (var parent = operation.Parent; parent is not null && child != body; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IBlockOperation or IExpressionStatementOperation or IAwaitOperation or IConversionOperation
                    or IMethodBodyOperation or ILockOperation or IUsingOperation:
                    continue;
                case ITryOperation @try when child == @try.Body || child == @try.Finally:
                    continue;
                case IConditionalOperation conditional when child == conditional.WhenTrue && IsNotNullTest(conditional.Condition, released):
                    // if (d != null) d.Dispose(): where d is null there is nothing to release.
                    continue;
                case IConditionalAccessOperation access when child == access.WhenNotNull && IsReferenceTo(access.Operation, released):
                    // d?.Dispose()
                    continue;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>What <c>x?.Dispose()</c> tests: the operation of the conditional access the call sits in.</summary>
    private static IOperation? AccessedBy(IOperation invocation)
    {
        for (var parent = invocation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IConditionalAccessOperation access)
            {
                return access.Operation;
            }
        }

        return null;
    }

    private static bool IsReferenceTo(IOperation operation, IParameterSymbol parameter)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter);
    }

    /// <summary><c>if (p == null) return;</c>: the early exit leaves only where there is nothing to release.</summary>
    private static bool IsReturnWhenNull(IReturnOperation exit, IParameterSymbol parameter)
    {
        IOperation child = exit;
        if (child.Parent is IBlockOperation { Operations.Length: 1 } block)
        {
            child = block;
        }

        return child.Parent is IConditionalOperation conditional && conditional.WhenTrue == child && IsNullTest(conditional.Condition, parameter);
    }

    private static bool IsNullTest(IOperation condition, IParameterSymbol parameter)
        => NotNullWhenTrue(condition, parameter) == false;

    /// <summary><c>p != null</c>, <c>p is not null</c>, <c>!(p == null)</c>, <c>!(p is null)</c>.</summary>
    private static bool IsNotNullTest(IOperation condition, IParameterSymbol parameter)
        => NotNullWhenTrue(condition, parameter) == true;

    /// <summary>True when the condition holds exactly where the parameter is not null, false where it is null, null when it is no null test of it.</summary>
    private static bool? NotNullWhenTrue(IOperation condition, IParameterSymbol parameter)
        => NullTestShape.TryMatch(condition, out var operand, out var nullWhenTrue) && IsReferenceTo(operand, parameter) ? !nullWhenTrue : null;
}
