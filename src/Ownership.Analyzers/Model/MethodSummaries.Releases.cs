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
        int? firstExit = null;
        foreach (var operation in DescendantsOutsideNestedFunctions(body))
        {
            switch (operation)
            {
                case IReturnOperation { Kind: OperationKind.YieldReturn or OperationKind.YieldBreak }:
                    return System.Array.Empty<bool>();
                case IReturnOperation @return:
                    firstExit = System.Math.Min(firstExit ?? int.MaxValue, @return.Syntax.SpanStart);
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
                && (firstExit is null || operation.Syntax.SpanStart < firstExit)
                && RunsUnconditionally(operation, body))
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
            IInvocationOperation { Instance: { } instance } invocation when OwnershipKnowledge.IsReleaseMethod(invocation.TargetMethod)
                => (_model.Unwrap(instance) as IParameterReferenceOperation)?.Parameter,
            IUsingOperation { Resources: { } resource } => (_model.Unwrap(resource) as IParameterReferenceOperation)?.Parameter,
            _ => null,
        };

    /// <summary>Every enclosing operation up to the body runs whenever the body runs (no branch, loop or handler).</summary>
    private static bool RunsUnconditionally(IOperation operation, IOperation body)
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
                default:
                    return false;
            }
        }

        return true;
    }
}
