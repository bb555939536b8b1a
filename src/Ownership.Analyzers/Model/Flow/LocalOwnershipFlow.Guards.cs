using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ownership.Analyzers.Model.Flow;

/// <summary>
/// Correlated guards. A resource created only where a parameter is not null
/// (<c>if (key != null) pin = GCHandle.Alloc(key, GCHandleType.Pinned);</c>) was never created on a
/// later branch where the same parameter is null (<c>finally { if (key != null) pin.Free(); }</c>):
/// the function never writes the parameter, so both tests see the same value. The merge at the
/// join after the first test forgets which arm ran; this part remembers it for the one kind of
/// value whose test cannot change between the two points.
/// </summary>
internal sealed partial class LocalOwnershipFlow
{
    /// <summary>The block each allocation is created in, parallel to <see cref="_allocations"/>.</summary>
    private readonly List<int> _allocationBlocks = new();

    /// <summary>Per stable parameter, the allocations that only a non-null value of it reaches (computed on first use).</summary>
    private Dictionary<IParameterSymbol, List<int>>? _createdOnlyWhenNotNull;

    /// <summary>On the branch where a stable parameter is null, what only its non-null arm creates is not owned.</summary>
    private void NarrowGuardedAway(IOperation condition, FlowState whenTrue, FlowState whenFalse)
    {
        if (!TryGetParameterNullTest(condition, out var parameter, out var nullWhenTrue))
        {
            return;
        }

        _createdOnlyWhenNotNull ??= FindGuardedAllocations();
        if (!_createdOnlyWhenNotNull.TryGetValue(parameter, out var guarded))
        {
            return;
        }

        var whenNull = nullWhenTrue ? whenTrue : whenFalse;
        foreach (var allocation in guarded)
        {
            whenNull.Owned.Remove(allocation);
        }
    }

    /// <summary><c>p == null</c>, <c>p != null</c>, <c>p is null</c>, <c>p is not null</c>, <c>!(…)</c> on a parameter the function never writes.</summary>
    private bool TryGetParameterNullTest(IOperation condition, out IParameterSymbol parameter, out bool nullWhenTrue)
    {
        parameter = null!;
        if (!NullTestShape.TryMatch(condition, out var operand, out nullWhenTrue))
        {
            return false;
        }

        if (operand is not IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } tested }
            || _function is null || !SymbolEqualityComparer.Default.Equals(tested.ContainingSymbol, _function) || !IsStable(tested))
        {
            return false;
        }

        parameter = tested;
        return true;
    }

    private Dictionary<IParameterSymbol, bool>? _stableParameters;

    /// <summary>The function this graph is the body of (null when unknown: no parameter is then trusted).</summary>
    private IMethodSymbol? _function;

    /// <summary>A by-value parameter of this function that nothing in it (or in a function nested in it) assigns or passes by reference.</summary>
    private bool IsStable(IParameterSymbol parameter)
    {
        _stableParameters ??= new Dictionary<IParameterSymbol, bool>(SymbolEqualityComparer.Default);
        if (_stableParameters.TryGetValue(parameter, out var known))
        {
            return known;
        }

        var stable = true;
        foreach (var operation in _cfg.OriginalOperation.DescendantsAndSelf())
        {
            if (operation is not IParameterReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
            {
                continue;
            }

            if (IsWritten(reference))
            {
                stable = false;
                break;
            }
        }

        _stableParameters[parameter] = stable;
        return stable;
    }

    private static bool IsWritten(IOperation reference)
    {
        var current = reference;
        while (current.Parent is { } parent)
        {
            switch (parent)
            {
                case IAssignmentOperation assignment when assignment.Target == current:
                case IIncrementOrDecrementOperation:
                case IDeconstructionAssignmentOperation deconstruction when deconstruction.Target == current:
                case IArgumentOperation { Parameter.RefKind: not RefKind.None and not RefKind.In }:
                    return true;
                case ITupleOperation:
                    // (p, q) = …: the tuple is a deconstruction target; look further up.
                    current = parent;
                    continue;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.IsRef: true } }:
                    return true;
                default:
                    return parent is IAddressOfOperation;
            }
        }

        return false;
    }

    /// <summary>
    /// For each null test on a stable parameter, the allocations whose block no path from the
    /// function's entry reaches without taking the test's non-null edge. Handler and finally
    /// regions count as reachable from the entry: an exception may enter them from anywhere.
    /// </summary>
    private Dictionary<IParameterSymbol, List<int>> FindGuardedAllocations()
    {
        var result = new Dictionary<IParameterSymbol, List<int>>(SymbolEqualityComparer.Default);
        if (_allocations.Count == 0)
        {
            return result;
        }

        foreach (var block in _cfg.Blocks)
        {
            if (block.ConditionKind == ControlFlowConditionKind.None || block.BranchValue is null
                || !TryGetParameterNullTest(block.BranchValue, out var parameter, out var nullWhenTrue))
            {
                continue;
            }

            // The edge taken when the parameter is not null.
            var takenWhenTrue = block.ConditionKind == ControlFlowConditionKind.WhenTrue ? block.ConditionalSuccessor : block.FallThroughSuccessor;
            var takenWhenFalse = block.ConditionKind == ControlFlowConditionKind.WhenTrue ? block.FallThroughSuccessor : block.ConditionalSuccessor;
            var notNullEdge = nullWhenTrue ? takenWhenFalse : takenWhenTrue;
            if (notNullEdge?.Destination is null)
            {
                continue;
            }

            var reachable = ReachableWithout(block, notNullEdge);
            for (var allocation = 0; allocation < _allocations.Count; allocation++)
            {
                if (!reachable[_allocationBlocks[allocation]])
                {
                    if (!result.TryGetValue(parameter, out var list))
                    {
                        list = new List<int>();
                        result.Add(parameter, list);
                    }

                    if (!list.Contains(allocation))
                    {
                        list.Add(allocation);
                    }
                }
            }
        }

        return result;
    }

    private bool[] ReachableWithout(BasicBlock source, ControlFlowBranch removed)
    {
        var reachable = new bool[_cfg.Blocks.Length];
        var pending = new Stack<int>();
        void Visit(int ordinal)
        {
            if (!reachable[ordinal])
            {
                reachable[ordinal] = true;
                pending.Push(ordinal);
            }
        }

        Visit(0);
        foreach (var block in _cfg.Blocks)
        {
            for (var region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
            {
                if (region.FirstBlockOrdinal == block.Ordinal
                    && region.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.Filter or ControlFlowRegionKind.FilterAndHandler or ControlFlowRegionKind.Finally)
                {
                    Visit(block.Ordinal);
                    break;
                }
            }
        }

        while (pending.Count > 0)
        {
            var block = _cfg.Blocks[pending.Pop()];
            foreach (var branch in new[] { block.ConditionalSuccessor, block.FallThroughSuccessor })
            {
                if (branch?.Destination is { } destination && !(block == source && branch == removed))
                {
                    Visit(destination.Ordinal);
                }
            }
        }

        return reachable;
    }
}
