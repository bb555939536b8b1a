using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;

namespace Ownership.Analyzers.Model.Flow;

/// <summary>
/// The call part of the flow: what a call does with its receiver and each argument — release
/// it, hand it on, return something that stands for it, or only use it. Every kind of resource
/// goes through the same decisions (knowledge, then summaries, then the shape of the call), read
/// with that kind's release in mind: <c>Dispose</c> on a disposable receiver; a free function or
/// <c>pool.Return</c> taking the resource as an argument; <c>Free()</c> on a GCHandle.
/// </summary>
internal sealed partial class LocalOwnershipFlow
{
    private AllocationSet? EvalCall(
        IOperation call,
        IMethodSymbol? method,
        IOperation? instance,
        ImmutableArray<IArgumentOperation> arguments,
        FlowState state,
        IObjectOrCollectionInitializerOperation? initializer)
    {
        var receiver = Eval(instance, state);
        if (method is null)
        {
            Transfer(receiver, TransferKinds.Escaped, state, instance);
            foreach (var argument in arguments)
            {
                Transfer(Eval(argument.Value, state), TransferKinds.Escaped, state, argument.Value);
            }

            return null;
        }

        var identity = method.MethodKind != MethodKind.Constructor && (_knowledge.IsIdentityMethod(method) || _model.Summaries.ForwardsItsFirstArgument(method));
        AllocationSet? result = identity ? receiver?.Clone() : null;
        var resultType = method.MethodKind == MethodKind.Constructor ? method.ContainingType : method.ReturnType;
        var resultIsResource = _knowledge.IsResourceType(resultType) || _knowledge.Types.GetAwaitedResultType(resultType) is { } awaited && _knowledge.IsResourceType(awaited);
        var handleRelease = identity ? null : _knowledge.GetHandleRelease(method);

        foreach (var argument in arguments)
        {
            var value = Eval(argument.Value, state);
            if (value is null || value.IsEmpty)
            {
                continue;
            }

            if (identity)
            {
                result ??= new AllocationSet(_allocations.Count);
                result.UnionWith(value);
                continue;
            }

            // Disposable objects and the other kinds follow the same decisions, read with their own release in mind.
            var (disposables, handles) = SplitByKind(value);
            if (disposables is not null)
            {
                if (IsUsedAsResource(argument))
                {
                    Use(disposables, argument.Value, state);
                }

                switch (DecideArgument(method, argument, arguments, resultIsResource))
                {
                    case ArgumentDecision.Transfer:
                        Transfer(disposables, TransferKinds.Passed, state);
                        TakenByCall(disposables, call, method, argument, arguments, state);
                        break;
                    case ArgumentDecision.Alias:
                        result ??= new AllocationSet(_allocations.Count);
                        result.UnionWith(disposables);
                        break;
                    case ArgumentDecision.AssumedAlias:
                        result ??= new AllocationSet(_allocations.Count);
                        result.UnionWith(disposables.AsUncertain());
                        break;
                }
            }

            if (handles is not null)
            {
                result = PassHandles(handles, call, method, argument, arguments, handleRelease, instance, state, result);
            }
        }

        if (receiver is not null && !receiver.IsEmpty && !identity)
        {
            var (disposables, handles) = SplitByKind(receiver);
            if (disposables is not null)
            {
                if (OwnershipKnowledge.IsReleaseMethod(method) || _model.Summaries.ReleasesReceiver(method, MethodSummaries.MaxDepth))
                {
                    Release(disposables, call, method, state);
                }
                else
                {
                    if (!_knowledge.IsUsableAfterRelease(method))
                    {
                        Use(disposables, instance, state);
                    }

                    if (method.MethodKind == MethodKind.Ordinary && (_model.Summaries.ReturnsReceiver(method, MethodSummaries.MaxDepth) || _knowledge.IsAliasingMember(method)))
                    {
                        // `return await connection.OpenAsync();` where OpenAsync ends with `return this;`;
                        // `return client.GetStream();`, a stream that owns the client's socket.
                        result ??= new AllocationSet(_allocations.Count);
                        result.UnionWith(disposables);
                    }
                    else if (method.MethodKind == MethodKind.Ordinary && resultIsResource && _model.Summaries.MayReturnWhatHoldsReceiver(method, MethodSummaries.MaxDepth))
                    {
                        // A fluent call (builder.WithX()), or a result that keeps its receiver
                        // (logger.ForContext(…), response content over the connection): it may stand for it.
                        result ??= new AllocationSet(_allocations.Count);
                        result.UnionWith(disposables.AsUncertain());
                    }
                }
            }

            if (handles is not null)
            {
                result = CallOnHandles(handles, call, method, instance, handleRelease, state, result);
            }
        }

        if (initializer is not null)
        {
            Transfer(Eval(initializer, state), TransferKinds.Escaped, state, initializer);
        }

        if (_allocationByOperation.TryGetValue(call, out var allocation))
        {
            return Create(allocation.Index, state, result);
        }

        return result;
    }

    /// <summary>What a call does with a resource argument: knowledge first, then summaries, then the shape of the call.</summary>
    private ArgumentDecision DecideArgument(IMethodSymbol method, IArgumentOperation argument, ImmutableArray<IArgumentOperation> arguments, bool resultIsResource)
    {
        var parameter = argument.Parameter;
        if (parameter is null)
        {
            return ArgumentDecision.Transfer;
        }

        if (parameter.RefKind == RefKind.Ref)
        {
            // DESIGN §4.3: passing `ref builder` is not handing it on.
            return ArgumentDecision.Keep;
        }

        switch (_knowledge.GetArgumentFate(method, argument, arguments, _options))
        {
            case ArgumentFate.Transferred:
                return ArgumentDecision.Transfer;
            case ArgumentFate.Kept:
                return ArgumentDecision.Keep;
        }

        switch (_model.Summaries.GetParameterFate(method, parameter, MethodSummaries.MaxDepth))
        {
            case ParameterFate.Taken:
                return ArgumentDecision.Transfer;
            case ParameterFate.Returned:
                return resultIsResource ? ArgumentDecision.Alias : ArgumentDecision.Transfer;
            case ParameterFate.MayBeReturned:
                return resultIsResource ? ArgumentDecision.AssumedAlias : ArgumentDecision.Transfer;
            case ParameterFate.Kept:
                return ArgumentDecision.Keep;
        }

        var shaped = CallShape.Decide(_knowledge, method, parameter, resultIsResource);
        return shaped == ArgumentDecision.Alias ? ArgumentDecision.AssumedAlias : shaped;
    }

    /// <summary>A non-object resource passed as an argument: released by the free or <c>Return</c> it is given to, else used, handed on or aliased.</summary>
    private AllocationSet? PassHandles(
        AllocationSet handles,
        IOperation call,
        IMethodSymbol method,
        IArgumentOperation argument,
        ImmutableArray<IArgumentOperation> arguments,
        HandleRelease? handleRelease,
        IOperation? instance,
        FlowState state,
        AllocationSet? result)
    {
        if (handleRelease is { Parameter: { } released } && argument.Parameter?.Name == released)
        {
            var (matching, others) = SplitByKind(handles, handleRelease.Kind);
            if (matching is not null)
            {
                Release(matching, call, method, state, handleRelease, instance);
            }

            if (others is null)
            {
                return result;
            }

            handles = others;
        }

        Use(handles, argument.Value, state);
        switch (DecideHandleArgument(method, argument, arguments))
        {
            case ArgumentDecision.Transfer:
                Transfer(handles, TransferKinds.Passed, state);
                break;
            case ArgumentDecision.Alias:
                result ??= new AllocationSet(_allocations.Count);
                result.UnionWith(handles);
                break;
        }

        return result;
    }

    /// <summary>A call on a non-object resource: <c>handle.Free()</c> releases it; <c>span.Slice()</c> returns what stands for it.</summary>
    private AllocationSet? CallOnHandles(AllocationSet handles, IOperation call, IMethodSymbol method, IOperation? instance, HandleRelease? handleRelease, FlowState state, AllocationSet? result)
    {
        if (handleRelease is { Parameter: null })
        {
            var (matching, others) = SplitByKind(handles, handleRelease.Kind);
            if (matching is not null)
            {
                Release(matching, call, method, state, handleRelease);
            }

            if (others is null)
            {
                return result;
            }

            handles = others;
        }

        Use(handles, instance, state);
        if (method.MethodKind != MethodKind.Constructor && !_knowledge.IsCopyingMember(method) && CallShape.CanCarry(_knowledge, method.ReturnType))
        {
            result ??= new AllocationSet(_allocations.Count);
            result.UnionWith(handles);
        }

        return result;
    }

    /// <summary>What a call does with a non-object resource argument: knowledge first, then summaries, then the shape of the call.</summary>
    private ArgumentDecision DecideHandleArgument(IMethodSymbol method, IArgumentOperation argument, ImmutableArray<IArgumentOperation> arguments)
    {
        if (argument.Parameter is not { } parameter)
        {
            return ArgumentDecision.Transfer;
        }

        if (parameter.RefKind == RefKind.Ref)
        {
            return ArgumentDecision.Keep;
        }

        switch (_knowledge.GetArgumentFate(method, argument, arguments, _options))
        {
            case ArgumentFate.Transferred:
                return ArgumentDecision.Transfer;
            case ArgumentFate.Kept:
                return ArgumentDecision.Keep;
        }

        if (_knowledge.IsCopyingMember(method))
        {
            return ArgumentDecision.Keep;
        }

        return _model.HandleSummaries.GetParameterFate(method, parameter, MethodSummaries.MaxDepth) switch
        {
            ParameterFate.Taken => ArgumentDecision.Transfer,
            ParameterFate.Returned or ParameterFate.MayBeReturned => ArgumentDecision.Alias,
            ParameterFate.Kept => ArgumentDecision.Keep,
            _ when IsReturnedByRef(argument.Parent, method) => ArgumentDecision.Alias,
            _ => CallShape.DecideForHandle(_knowledge, method, parameter),
        };
    }

    /// <summary>The value the function is returning by reference, while it is evaluated (null otherwise).</summary>
    private IOperation? _returnedByRef;

    /// <summary>
    /// <c>return ref Unsafe.AsRef&lt;byte&gt;(block);</c>: a by-ref result made from native memory, returned
    /// by reference, is that memory handed to the caller (as returning the pointer would be). The same
    /// call whose ref is only read here hands nothing on.
    /// </summary>
    private bool IsReturnedByRef(IOperation? call, IMethodSymbol method)
        => call is not null && ReferenceEquals(call, _returnedByRef) && (method.ReturnsByRef || method.ReturnsByRefReadonly);
}
