using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;

namespace Ownership.Analyzers.Model.Flow;

/// <summary>
/// The operation part of the flow: what each operation does to ownership. <see cref="Eval"/>
/// returns the allocations the operation's value may refer to (null for none).
/// </summary>
internal sealed partial class LocalOwnershipFlow
{
    private AllocationSet? Eval(IOperation? operation, FlowState state)
    {
        switch (operation)
        {
            case IFlowCaptureOperation capture:
                EvalCapture(capture, state);
                return null;

            case IFlowCaptureReferenceOperation captureReference:
                return _captures.TryGetValue(captureReference.Id, out var captureIndex) ? state.Variables[captureIndex] : null;

            case ILocalReferenceOperation local:
                return _locals.TryGetValue(local.Local, out var localIndex) ? state.Variables[localIndex] : null;

            case IConversionOperation conversion:
                return Eval(conversion.Operand, state);

            case IParenthesizedOperation parenthesized:
                return Eval(parenthesized.Operand, state);

            case IAwaitOperation await:
                return Eval(await.Operation, state);

            case IObjectCreationOperation creation:
                return EvalCall(creation, creation.Constructor, instance: null, creation.Arguments, state, creation.Initializer);

            case IInvocationOperation invocation:
                return EvalCall(invocation, invocation.TargetMethod, invocation.Instance, invocation.Arguments, state, initializer: null);

            case IPropertyReferenceOperation property:
                return EvalPropertyGet(property, state);

            case IFieldReferenceOperation field:
                Eval(field.Instance, state);
                return null;

            case IEventReferenceOperation @event:
                Eval(@event.Instance, state);
                return null;

            case IArrayElementReferenceOperation element:
                Eval(element.ArrayReference, state);
                foreach (var index in element.Indices)
                {
                    Eval(index, state);
                }

                return null;

            case ISimpleAssignmentOperation assignment:
                return EvalAssignment(assignment, state);

            case IReturnOperation @return:
                // Only yield return (and yield break) stay operations in the graph; return is a branch.
                Transfer(Eval(@return.ReturnedValue, state), TransferKinds.Yielded, state);
                return null;

            case IIsPatternOperation isPattern:
                EvalPattern(isPattern, state);
                return null;

            case IIsNullOperation or IBinaryOperation or IUnaryOperation or IIsTypeOperation or IExpressionStatementOperation
                or IInterpolatedStringOperation or IInterpolationOperation or IInterpolatedStringTextOperation
                or ISizeOfOperation or ITypeOfOperation or INameOfOperation:
                // Comparing, testing or printing a resource does not hand it on.
                foreach (var child in operation.ChildOperations)
                {
                    Eval(child, state);
                }

                return null;

            case null:
            case ILiteralOperation:
            case IDefaultValueOperation:
            case IInstanceReferenceOperation:
            case IParameterReferenceOperation:
            case IFlowAnonymousFunctionOperation:
            case ICaughtExceptionOperation:
            case IStaticLocalInitializationSemaphoreOperation:
                return null;

            default:
                // Anything else (tuples, arrays, collection expressions, delegates, invalid code, …):
                // what flows into it may be kept by it. Precision first: treat it as handed on.
                foreach (var child in operation.ChildOperations)
                {
                    Transfer(Eval(child, state), TransferKinds.Escaped, state);
                }

                return null;
        }
    }

    private void EvalCapture(IFlowCaptureOperation capture, FlowState state)
    {
        var value = Eval(capture.Value, state);
        if (!_captures.TryGetValue(capture.Id, out var index))
        {
            return;
        }

        var source = VariableOf(capture.Value);
        if (source >= 0 && source != index)
        {
            _captureSources[index] = source;
        }

        state.Variables[index] = value?.Clone();
    }

    private AllocationSet? EvalPropertyGet(IPropertyReferenceOperation property, FlowState state)
    {
        var instance = Eval(property.Instance, state);
        foreach (var argument in property.Arguments)
        {
            Eval(argument.Value, state);
        }

        if (_allocationByOperation.TryGetValue(property, out var allocation))
        {
            return Create(allocation.Index, state, null);
        }

        // Task<T>.Result is the same value the task carries.
        if (property.Property.Name == "Result" && _knowledge.Types.IsTaskLike(property.Instance?.Type))
        {
            return instance;
        }

        return null;
    }

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
            Transfer(receiver, TransferKinds.Escaped, state);
            foreach (var argument in arguments)
            {
                Transfer(Eval(argument.Value, state), TransferKinds.Escaped, state);
            }

            return null;
        }

        var identity = method.MethodKind != MethodKind.Constructor && _knowledge.IsIdentityMethod(method);
        AllocationSet? result = identity ? receiver?.Clone() : null;
        var resultType = method.MethodKind == MethodKind.Constructor ? method.ContainingType : method.ReturnType;
        var resultIsResource = _knowledge.IsResourceType(resultType) || _knowledge.Types.GetAwaitedResultType(resultType) is { } awaited && _knowledge.IsResourceType(awaited);

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

            switch (DecideArgument(method, argument, arguments, resultIsResource))
            {
                case ArgumentDecision.Transfer:
                    Transfer(value, TransferKinds.Passed, state);
                    break;
                case ArgumentDecision.Alias:
                    result ??= new AllocationSet(_allocations.Count);
                    result.UnionWith(value);
                    break;
            }
        }

        if (receiver is not null && !receiver.IsEmpty && !identity)
        {
            if (OwnershipKnowledge.IsReleaseMethod(method) || _model.Summaries.ReleasesReceiver(method, MethodSummaries.MaxDepth))
            {
                Release(receiver, call, method, state);
            }
            else if (method.MethodKind != MethodKind.Constructor && method.MethodKind != MethodKind.DelegateInvoke
                && resultIsResource && instance?.Type is { } receiverType && IsSameOrDerived(receiverType, resultType))
            {
                // A fluent call (builder.WithX()) may return its receiver.
                result ??= new AllocationSet(_allocations.Count);
                result.UnionWith(receiver);
            }
        }

        if (initializer is not null)
        {
            Transfer(Eval(initializer, state), TransferKinds.Escaped, state);
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
            case ParameterFate.Kept:
                return ArgumentDecision.Keep;
        }

        return CallShape.Decide(_knowledge, method, parameter, resultIsResource);
    }

    private AllocationSet? EvalAssignment(ISimpleAssignmentOperation assignment, FlowState state)
    {
        var target = assignment.Target;
        if (target is ILocalReferenceOperation local && !local.Local.IsRef && _locals.TryGetValue(local.Local, out var index))
        {
            var value = Eval(assignment.Value, state);
            AssignLocal(index, local, value, assignment, state);
            return value;
        }

        // Evaluate what the target reads (its instance, indices) before the value, as C# does.
        switch (target)
        {
            case IPropertyReferenceOperation property:
                Eval(property.Instance, state);
                foreach (var argument in property.Arguments)
                {
                    Eval(argument.Value, state);
                }

                break;
            case IFieldReferenceOperation field:
                Eval(field.Instance, state);
                break;
            case IArrayElementReferenceOperation element:
                Eval(element.ArrayReference, state);
                break;
            case IDiscardOperation:
                // `_ = value`: nothing holds it; the end of the statement finds it lost.
                return Eval(assignment.Value, state);
        }

        var assigned = Eval(assignment.Value, state);
        Transfer(assigned, TransferKinds.Stored, state);
        return assigned;
    }

    private void AssignLocal(int index, ILocalReferenceOperation target, AllocationSet? value, IOperation site, FlowState state)
    {
        var old = state.Variables[index];
        state.Variables[index] = value?.Clone();

        if (value is not null)
        {
            foreach (var allocation in value.Members())
            {
                _allocations[allocation].RecordStoredIn(target.Local);
            }

            if (_capturedByFunctions.Contains(target.Local))
            {
                Transfer(value, TransferKinds.Escaped, state);
            }
        }

        if (old is null)
        {
            return;
        }

        var kind = target.IsDeclaration ? LossKind.LeftOwned : LossKind.Overwritten;
        foreach (var allocation in old.Members())
        {
            if (!state.Owned.Contains(allocation))
            {
                continue;
            }

            var stillHeld = value?.Contains(allocation) == true
                ? !_recreatedWhileOwned.Contains(allocation)
                : state.IsReferenced(allocation);
            if (!stillHeld)
            {
                Lose(allocation, kind, kind == LossKind.Overwritten ? site : null, state);
                if (value?.Contains(allocation) == true)
                {
                    // The new instance from the same creation site is owned again.
                    state.Owned.Add(allocation);
                }
            }
        }
    }

    private void EvalPattern(IIsPatternOperation isPattern, FlowState state)
    {
        var value = Eval(isPattern.Value, state);
        if (isPattern == _branchPattern)
        {
            // A branch condition: its locals are bound on the branch where it matched (see Process).
            return;
        }

        DeclarePatternLocals(isPattern, value, state);
    }

    /// <summary><c>x is Foo f</c>: f refers to what x refers to.</summary>
    private void DeclarePatternLocals(IIsPatternOperation isPattern, AllocationSet? value, FlowState state)
    {
        foreach (var descendant in isPattern.Pattern.DescendantsAndSelf())
        {
            // `x is Foo f`: f is x.
            if (descendant is IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol declared } && _locals.TryGetValue(declared, out var index) && value is not null)
            {
                state.Variables[index] = value.Clone();
            }
        }
    }

    private AllocationSet Create(int allocation, FlowState state, AllocationSet? alsoReferenced)
    {
        if (state.Owned.Contains(allocation))
        {
            // The previous instance from this creation site (an earlier loop iteration) is still owned.
            _recreatedWhileOwned.Add(allocation);
        }

        state.Owned.Add(allocation);
        _touched.Add(allocation);
        var result = new AllocationSet(_allocations.Count);
        result.Add(allocation);
        result.UnionWith(alsoReferenced);
        return result;
    }

    private void Transfer(AllocationSet? value, TransferKinds kind, FlowState state)
    {
        if (value is null)
        {
            return;
        }

        foreach (var allocation in value.Members())
        {
            state.Owned.Remove(allocation);
            if (_recording)
            {
                _allocations[allocation].RecordTransfer(kind);
            }
        }
    }

    private void Release(AllocationSet value, IOperation call, IMethodSymbol method, FlowState state)
    {
        var isProtected = IsInProtectedRegion(_block);
        var isAsync = method.Name.EndsWith("DisposeAsync", System.StringComparison.Ordinal);
        var guards = _recording ? GuardsOf(_block) : ImmutableArray<IOperation>.Empty;
        foreach (var allocation in value.Members())
        {
            state.Owned.Remove(allocation);
            if (_recording)
            {
                _allocations[allocation].RecordRelease(new ReleaseSite(call, call.IsImplicit, isProtected, isAsync, guards));
            }
        }
    }

    /// <summary>The branch conditions a block runs under, nearest first, through single-predecessor chains.</summary>
    private static ImmutableArray<IOperation> GuardsOf(BasicBlock? block)
    {
        var guards = ImmutableArray.CreateBuilder<IOperation>();
        for (var step = 0; block is not null && step < 6; step++)
        {
            if (block.Predecessors.Length != 1)
            {
                break;
            }

            var predecessor = block.Predecessors[0].Source;
            if (predecessor.ConditionKind != ControlFlowConditionKind.None && predecessor.BranchValue is { } condition)
            {
                guards.Add(condition);
            }

            block = predecessor;
        }

        return guards.ToImmutable();
    }

    private static bool IsInProtectedRegion(BasicBlock? block)
    {
        for (var region = block?.EnclosingRegion; region is not null; region = region.EnclosingRegion)
        {
            if (region.Kind is ControlFlowRegionKind.Finally or ControlFlowRegionKind.Catch or ControlFlowRegionKind.FilterAndHandler)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSameOrDerived(ITypeSymbol type, ITypeSymbol candidateBase)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, candidateBase))
            {
                return true;
            }
        }

        return false;
    }
}
