using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;

namespace Ownership.Analyzers.Model;

/// <summary>
/// What a source method does with a parameter that receives a resource that is not an object —
/// a rented array, a pointer to native memory, a GCHandle. The same three fates as
/// <see cref="MethodSummaries"/>, read with that kind's release in mind: indexing, reading and
/// passing it to a method of its own parameter type only use it; freeing it (<c>Marshal.FreeHGlobal(p)</c>,
/// <c>pool.Return(array)</c>, <c>handle.Free()</c>), storing it or handing it to an owner takes it;
/// returning it (or a span over it) returns it. Memoized per (method, depth), depth-bounded.
/// </summary>
internal sealed class HandleSummaries
{
    /// <summary>How many locals and aliasing calls deep one reference is followed.</summary>
    private const int MaxSteps = 4;

    private readonly OwnershipModel _model;
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Depth), ParameterFate[]> _fates = new(MethodSummaries.MethodDepthComparer.Instance);

    public HandleSummaries(OwnershipModel model)
    {
        _model = model;
    }

    /// <summary>What the source method does with the handle passed as <paramref name="parameter"/>; null when it cannot be told.</summary>
    public ParameterFate? GetParameterFate(IMethodSymbol method, IParameterSymbol parameter, int depth)
    {
        method = MethodSummaries.Normalize(method);
        if (depth < 0 || parameter.Ordinal >= method.Parameters.Length)
        {
            return null;
        }

        var fates = _fates.GetOrAdd((method, depth), key => Compute(key.Method, key.Depth));
        return fates.Length == 0 ? null : fates[parameter.Ordinal];
    }

    private ParameterFate[] Compute(IMethodSymbol method, int depth)
    {
        var body = _model.Summaries.GetBodyOf(method);
        if (body is null)
        {
            return System.Array.Empty<ParameterFate>();
        }

        var fates = new ParameterFate[method.Parameters.Length];
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is IParameterReferenceOperation reference && reference.Parameter.Ordinal < fates.Length
                && SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol, method))
            {
                var fate = ClassifyUse(reference, body, depth, steps: 0);
                if (fate > fates[reference.Parameter.Ordinal])
                {
                    fates[reference.Parameter.Ordinal] = fate;
                }
            }
        }

        return fates;
    }

    /// <summary>What the use of <paramref name="value"/> (a reference to the handle, or something that stands for it) does with it.</summary>
    private ParameterFate ClassifyUse(IOperation value, IOperation body, int depth, int steps)
    {
        if (steps > MaxSteps || OperationWalk.IsInsideNestedFunction(value))
        {
            return ParameterFate.Taken;
        }

        var parent = OperationWalk.Consumer(value, out var current);

        switch (parent)
        {
            case IInvocationOperation invocation when invocation.Instance == current:
                return ClassifyReceiver(invocation, body, depth, steps);
            case IPropertyReferenceOperation or IFieldReferenceOperation or IEventReferenceOperation or IArrayElementReferenceOperation:
                return ParameterFate.Kept;
            case IReturnOperation { Kind: OperationKind.Return }:
                return ParameterFate.Returned;
            case IArgumentOperation argument:
                return ClassifyArgument(argument, body, depth, steps);
            case ISimpleAssignmentOperation assignment when assignment.Target == current:
                return ParameterFate.Kept;
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local.IsRef: false } local }:
                return ClassifyLocal(local.Local, body, depth, steps);
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.IsRef: false } declarator }:
                return ClassifyLocal(declarator.Symbol, body, depth, steps);
            case IBinaryOperation or IUnaryOperation or IIsNullOperation or IIsPatternOperation or IIsTypeOperation or IExpressionStatementOperation
                or INameOfOperation or IInterpolationOperation:
                return ParameterFate.Kept;
            case { Kind: OperationKind.None }:
                // Pointer syntax (p[i], *p, fixed): reads and writes through it.
                return ParameterFate.Kept;
            default:
                return ParameterFate.Taken;
        }
    }

    private ParameterFate ClassifyReceiver(IInvocationOperation invocation, IOperation body, int depth, int steps)
    {
        var method = invocation.TargetMethod;
        if (_model.Knowledge.GetHandleRelease(method) is { Parameter: null })
        {
            return ParameterFate.Taken;
        }

        if (_model.Knowledge.IsCopyingMember(method) || !CallShape.CanCarry(_model.Knowledge, method.ReturnType))
        {
            return ParameterFate.Kept;
        }

        // span.Slice(…): the result stands for it.
        return ClassifyUse(invocation, body, depth, steps + 1);
    }

    private ParameterFate ClassifyArgument(IArgumentOperation argument, IOperation body, int depth, int steps)
    {
        var (method, arguments, call) = argument.Parent switch
        {
            IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments, (IOperation)invocation),
            IObjectCreationOperation { Constructor: { } constructor } creation => (constructor, creation.Arguments, creation),
            IPropertyReferenceOperation => (null, default, null),
            _ => (null, default, argument.Parent),
        };
        if (method is null || argument.Parameter is not { } parameter)
        {
            // An indexer argument is read; anything else is not understood.
            return call is null ? ParameterFate.Kept : ParameterFate.Taken;
        }

        if (_model.Knowledge.GetHandleRelease(method) is { Parameter: { } released } && released == parameter.Name)
        {
            return ParameterFate.Taken;
        }

        if (parameter.RefKind == RefKind.Ref)
        {
            return ParameterFate.Kept;
        }

        switch (_model.Knowledge.GetArgumentFate(method, argument, arguments, OwnershipOptions.Empty))
        {
            case ArgumentFate.Transferred:
                return ParameterFate.Taken;
            case ArgumentFate.Kept:
                return ParameterFate.Kept;
        }

        if (_model.Knowledge.IsCopyingMember(method))
        {
            return ParameterFate.Kept;
        }

        var decision = GetParameterFate(method, parameter, depth - 1) switch
        {
            ParameterFate.Taken => ArgumentDecision.Transfer,
            ParameterFate.Returned or ParameterFate.MayBeReturned => ArgumentDecision.Alias,
            ParameterFate.Kept => ArgumentDecision.Keep,
            _ => CallShape.DecideForHandle(_model.Knowledge, method, parameter),
        };
        return decision switch
        {
            ArgumentDecision.Keep => ParameterFate.Kept,
            ArgumentDecision.Alias => ClassifyUse(call!, body, depth, steps + 1),
            _ => ParameterFate.Taken,
        };
    }

    /// <summary>The handle is copied into a local: what the method does with the local is what it does with the handle.</summary>
    private ParameterFate ClassifyLocal(ILocalSymbol local, IOperation body, int depth, int steps)
    {
        var fate = ParameterFate.Kept;
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                && !(reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference))
            {
                var use = ClassifyUse(reference, body, depth, steps + 1);
                if (use > fate)
                {
                    fate = use;
                }
            }
        }

        return fate;
    }
}
