using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;

namespace Ownership.Analyzers.Model.Flow;

/// <summary>
/// The release part of the flow, for every kind of resource (see <see cref="ResourceKind"/>):
/// what a release records (where, under which guards, whether it matches how the resource was
/// made), what the state learns from it (released on this path: a later use or release is a
/// finding), and the anchors that let a null test prove that nothing is owned on a branch.
/// </summary>
internal sealed partial class LocalOwnershipFlow
{
    /// <summary>Splits a value into its disposable allocations and the others; the value itself when it is all of one kind.</summary>
    private (AllocationSet? Disposables, AllocationSet? Handles) SplitByKind(AllocationSet value)
    {
        AllocationSet? disposables = null;
        AllocationSet? handles = null;
        foreach (var allocation in value.Members())
        {
            if (_allocations[allocation].Kind == ResourceKind.Disposable)
            {
                (disposables ??= new AllocationSet(_allocations.Count)).Add(allocation);
            }
            else
            {
                (handles ??= new AllocationSet(_allocations.Count)).Add(allocation);
            }
        }

        return handles is null ? (value, null) : disposables is null ? (null, value) : (disposables, handles);
    }

    private AllocationSet? DisposablesOf(AllocationSet? value) => value is null ? null : SplitByKind(value).Disposables;

    /// <summary>The allocations of <paramref name="kind"/> in <paramref name="value"/>, and the rest.</summary>
    private (AllocationSet? OfKind, AllocationSet? Others) SplitByKind(AllocationSet value, ResourceKind kind)
    {
        AllocationSet? ofKind = null;
        AllocationSet? others = null;
        foreach (var allocation in value.Members())
        {
            if (_allocations[allocation].Kind == kind)
            {
                (ofKind ??= new AllocationSet(_allocations.Count)).Add(allocation);
            }
            else
            {
                (others ??= new AllocationSet(_allocations.Count)).Add(allocation);
            }
        }

        return (ofKind, others);
    }

    /// <summary>A conversion is the same value, unless it is one that hands the value on (<c>(IntPtr)gcHandle</c>).</summary>
    private AllocationSet? EvalConversion(IConversionOperation conversion, FlowState state)
    {
        var value = Eval(conversion.Operand, state);
        if (conversion.OperatorMethod is { } operatorMethod && value is { IsEmpty: false } && _knowledge.IsOwningConversion(operatorMethod))
        {
            Transfer(value, TransferKinds.Passed, state, conversion.Operand);
            return null;
        }

        return value;
    }

    /// <summary>A length read (<c>array.Length</c>, <c>span.IsEmpty</c>, <c>handle.IsAllocated</c>) cannot observe what a release gave away.</summary>
    private bool IsLengthRead(IPropertyReferenceOperation property)
        => property.Property.Name is "Length" or "LongLength" or "IsEmpty" or "IsAllocated"
            && !_knowledge.IsResourceType(property.Property.ContainingType);

    /// <summary>Records a use of what was released on every path that reaches <paramref name="site"/> (by itself, or by an owner it was handed to).</summary>
    private void Use(AllocationSet? value, IOperation? site, FlowState state)
    {
        if (!_recording || site is null || value is null)
        {
            return;
        }

        // What a value stands for only by assumption is not known to be used here.
        value = value.Certain();
        if (value.IsEmpty || AnySharedCreationSite(value))
        {
            return;
        }

        if (!value.IsSubsetOf(state.Released))
        {
            if (_ownerOf.Count > 0)
            {
                UseThroughOwners(value, site, state);
            }

            return;
        }

        foreach (var allocation in value.Members())
        {
            _allocations[allocation].RecordUseAfterRelease(site);
        }
    }

    /// <summary>
    /// The value that stands for "no resource" when compared with <paramref name="other"/>: a null
    /// pointer, <c>IntPtr.Zero</c>, <c>default</c> or <c>0</c> for a pointer-sized value (as null does for an object).
    /// </summary>
    private bool IsNoResourceValue(IOperation candidate, IOperation other)
    {
        if (candidate is IFieldReferenceOperation { Field: { IsStatic: true } field } && _knowledge.IsNoResourceField(field))
        {
            return true;
        }

        var type = other.Type;
        if (type is null || !(type.TypeKind == TypeKind.Pointer || type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr))
        {
            return false;
        }

        while (candidate is IConversionOperation { Operand: var operand } && !candidate.ConstantValue.HasValue)
        {
            // `ptr != null`: the null literal converted to a pointer type has no constant value of its own.
            candidate = operand;
        }

        return candidate is IDefaultValueOperation
            || candidate.ConstantValue is { HasValue: true, Value: null }
            || candidate.ConstantValue is { HasValue: true, Value: int or long or uint or ulong } constant && System.Convert.ToDecimal(constant.Value) == 0;
    }

    /// <summary>
    /// Gives a variable a new value; it anchors the allocation when that is the one owned value it
    /// can hold. A copy of another variable (<paramref name="source"/>) also anchors every owned
    /// allocation the source anchors: where the source refers to it on every path that owns it, so
    /// does the copy (<c>var h = c ? A() : B(); using var _ = h;</c> — one resource, whichever arm made it).
    /// </summary>
    private void SetVariable(int variable, AllocationSet? value, FlowState state, bool anchor = true, int source = -1)
    {
        state.Variables[variable] = value?.Clone();
        state.Unanchor(variable);
        if (!anchor || value is null)
        {
            return;
        }

        if (value.TryGetSingle(out var single) && state.Owned.Contains(single))
        {
            state.Anchor(single, variable, _variableLocals.Count);
            return;
        }

        if (source < 0 || source == variable)
        {
            return;
        }

        foreach (var allocation in value.Members())
        {
            if (state.Owned.Contains(allocation) && state.Anchors[allocation] is { } anchors && anchors.Contains(source))
            {
                state.Anchor(allocation, variable, _variableLocals.Count);
            }
        }
    }

    /// <summary>The release does not match how the allocation was made (another allocator, another pool).</summary>
    private bool IsMismatched(Allocation allocation, HandleRelease release, IOperation? releaser)
        => allocation.Kind switch
        {
            ResourceKind.UnmanagedMemory => allocation.Allocator != release.Allocator,
            ResourceKind.PooledArray => PoolIdentity.AreDifferent(_knowledge.Types, allocation.Pool, releaser, _cfg.OriginalOperation),
            _ => false,
        };

    /// <summary>
    /// Releases what <paramref name="value"/> may refer to. When it refers to one allocation only,
    /// that allocation is released on this path (a later use or release of it is a finding).
    /// <paramref name="handleRelease"/> is the table entry of a release of a non-object resource,
    /// and <paramref name="releaser"/> its receiver (the pool), to tell a mismatched release.
    /// </summary>
    private void Release(AllocationSet value, IOperation call, IMethodSymbol method, FlowState state, HandleRelease? handleRelease = null, IOperation? releaser = null)
    {
        var isProtected = IsInProtectedRegion(_block);
        // DisposeAsync, or a teardown that returns a task (an awaited CloseAsync whose own body
        // awaits the disposal): a synchronous release inside it is that method's finding, not this one's.
        var isAsync = method.Name.EndsWith("DisposeAsync", System.StringComparison.Ordinal) || _knowledge.Types.IsTaskLike(method.ReturnType);
        var guards = _recording ? GuardsOf(_block) : ImmutableArray<IOperation>.Empty;
        var repeated = !value.IsEmpty && !value.HasUncertain && value.IsSubsetOf(state.Released) && !AnySharedCreationSite(value);
        var definite = value.TryGetSingle(out var single) && !value.IsUncertain(single);
        foreach (var allocation in value.Members())
        {
            state.Owned.Remove(allocation);
            if (value.IsUncertain(allocation))
            {
                // Released only if the call's result really wraps it: no longer this owner's, no more.
                if (_recording)
                {
                    _allocations[allocation].RecordTransfer(TransferKinds.Passed);
                }

                continue;
            }

            if (_recording)
            {
                var released = _allocations[allocation];
                var mismatched = handleRelease is not null && IsMismatched(released, handleRelease, releaser);
                released.RecordRelease(new ReleaseSite(call, call.IsImplicit, isProtected, isAsync, guards) { IsMismatched = mismatched });
                if (repeated)
                {
                    released.RecordRepeatedRelease(call);
                }
            }
        }

        if (definite)
        {
            state.Released.Add(single);
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
}
