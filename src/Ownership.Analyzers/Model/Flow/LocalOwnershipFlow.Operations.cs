using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

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
                return EvalConversion(conversion, state);

            case IParenthesizedOperation parenthesized:
                return Eval(parenthesized.Operand, state);

            case IAwaitOperation await:
                var awaited = Eval(await.Operation, state);
                Use(DisposablesOf(awaited), await.Operation, state);
                return awaited;

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
                Use(Eval(element.ArrayReference, state), element.ArrayReference, state);
                foreach (var index in element.Indices)
                {
                    Eval(index, state);
                }

                return null;

            case ISimpleAssignmentOperation assignment:
                return EvalAssignment(assignment, state);

            case IReturnOperation @return:
                // Only yield return (and yield break) stay operations in the graph; return is a branch.
                Transfer(Eval(@return.ReturnedValue, state), TransferKinds.Yielded, state, @return.ReturnedValue);
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
                // Pointer syntax (p[i], *p, fixed) has no operation of its own: it reads through a
                // pointer or array, it does not keep it.
                foreach (var child in operation.ChildOperations)
                {
                    var value = Eval(child, state);
                    if (operation.Kind == OperationKind.None)
                    {
                        Use(value, child, state);
                        Transfer(DisposablesOf(value), TransferKinds.Escaped, state);
                    }
                    else
                    {
                        Transfer(value, TransferKinds.Escaped, state, child);
                    }
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

        SetVariable(index, value, state, source: source);
    }

    private AllocationSet? EvalPropertyGet(IPropertyReferenceOperation property, FlowState state)
    {
        var instance = Eval(property.Instance, state);
        if (!IsLengthRead(property) && !_knowledge.IsUsableAfterRelease(property.Property) && !_model.Summaries.ReadsOnlyConstructionState(property.Property))
        {
            Use(instance, property.Instance, state);
        }

        foreach (var argument in property.Arguments)
        {
            Eval(argument.Value, state);
        }

        if (_allocationByOperation.TryGetValue(property, out var allocation))
        {
            return Create(allocation.Index, state, null);
        }

        // manager.Memory: a view backed by the manager, which stands for it.
        // session.InternalRef where the getter is `=> this`: the instance itself.
        if (instance is { IsEmpty: false } && (_knowledge.IsAliasingMember(property.Property) || _model.Disposal.ReturnsSoleReleasedMember(property.Property)
            || property.Property.GetMethod is { } getter && _model.Summaries.ReturnsReceiver(getter, MethodSummaries.MaxDepth)))
        {
            return instance;
        }

        // Task<T>.Result is the same value the task carries.
        if (property.Property.Name == "Result" && _knowledge.Types.IsTaskLike(property.Instance?.Type))
        {
            return instance;
        }

        // segment.Array, memory-like wrappers: an array-typed property of what carries a rented array gives it back.
        if (instance is { IsEmpty: false } && property.Property.Type is IArrayTypeSymbol or IPointerTypeSymbol && SplitByKind(instance).Handles is { } handles)
        {
            return handles;
        }

        return null;
    }

    private AllocationSet? EvalAssignment(ISimpleAssignmentOperation assignment, FlowState state)
    {
        var target = assignment.Target;
        if (target is ILocalReferenceOperation local && !local.Local.IsRef && _locals.TryGetValue(local.Local, out var index))
        {
            var value = Eval(assignment.Value, state);
            AssignLocal(index, local, value, assignment, state, VariableOf(assignment.Value));
            return value;
        }

        // Evaluate what the target reads (its instance, indices) before the value, as C# does.
        switch (target)
        {
            case IPropertyReferenceOperation property:
                Use(Eval(property.Instance, state), property.Instance, state);
                foreach (var argument in property.Arguments)
                {
                    Eval(argument.Value, state);
                }

                break;
            case IFieldReferenceOperation field:
                Use(Eval(field.Instance, state), field.Instance, state);
                break;
            case IArrayElementReferenceOperation element:
                Use(Eval(element.ArrayReference, state), element.ArrayReference, state);
                break;
            case IDiscardOperation:
                // `_ = value`: nothing holds it; the end of the statement finds it lost.
                return Eval(assignment.Value, state);
        }

        var assigned = Eval(assignment.Value, state);
        Transfer(assigned, TransferKinds.Stored, state, assignment.Value);
        return assigned;
    }

    private void AssignLocal(int index, ILocalReferenceOperation target, AllocationSet? value, IOperation site, FlowState state, int source = -1)
    {
        var old = state.Variables[index];
        SetVariable(index, value, state, source: source);

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
                // Not an anchor: where the pattern does not match, f is unassigned while x still holds the value.
                SetVariable(index, value, state, anchor: false);
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

        if (state.IsReferenced(allocation))
        {
            // A variable still holds an older instance from this creation site: see _sharedCreationSites.
            _sharedCreationSites.Add(allocation);
        }

        state.Owned.Add(allocation);
        state.Released.Remove(allocation);
        state.Anchors[allocation] = new AllocationSet(_variableLocals.Count);
        _touched.Add(allocation);
        var result = new AllocationSet(_allocations.Count);
        result.Add(allocation);
        result.UnionWith(alsoReferenced);
        return result;
    }

    /// <summary>Hands the value on; <paramref name="site"/>, when given, is where (a use, if it was already released).</summary>
    private void Transfer(AllocationSet? value, TransferKinds kind, FlowState state, IOperation? site = null)
    {
        if (value is null)
        {
            return;
        }

        Use(value, site, state);

        foreach (var allocation in value.Members())
        {
            state.Owned.Remove(allocation);
            if (_recording)
            {
                // Returning or storing what only may wrap it hands it on, no more.
                _allocations[allocation].RecordTransfer(value.IsUncertain(allocation) ? TransferKinds.Passed : kind);
            }
        }
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
