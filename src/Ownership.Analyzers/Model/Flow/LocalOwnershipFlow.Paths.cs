using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ownership.Analyzers.Model.Flow;

/// <summary>The path part of the flow: the fixpoint, branches, regions, finally and null tests.</summary>
internal sealed partial class LocalOwnershipFlow
{
    /// <summary>
    /// Computes the state at the entry of every block reachable from <paramref name="entry"/>
    /// within [<paramref name="first"/>, <paramref name="last"/>]. <paramref name="scope"/> is the
    /// finally region being solved, or null for the whole function.
    /// </summary>
    private Dictionary<int, FlowState> Solve(int first, int last, int entry, FlowState entryState, ControlFlowRegion? scope)
    {
        var states = new Dictionary<int, FlowState> { [entry] = entryState };
        var pending = new SortedSet<int> { entry };
        var handlers = SeedHandlers(first, last, scope, states, pending);

        FlowState? ignoredFinallyExit = null;
        while (pending.Count > 0 || ShareTryVariablesWithHandlers(handlers, states, pending))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (--_budget < 0)
            {
                throw new BudgetExceededException();
            }

            var ordinal = pending.Min;
            pending.Remove(ordinal);
            var block = _cfg.Blocks[ordinal];
            foreach (var (successor, state) in Process(block, states[ordinal].Clone(), ref ignoredFinallyExit))
            {
                if (successor < first || successor > last)
                {
                    continue;
                }

                if (!states.TryGetValue(successor, out var known))
                {
                    states[successor] = state;
                    pending.Add(successor);
                }
                else if (known.MergeFrom(state))
                {
                    pending.Add(successor);
                }
            }
        }

        return states;
    }

    /// <summary>
    /// Catch and filter handlers start owning nothing: what an exception path leaks is not this
    /// analysis' finding. Their variables still refer to what they may hold anywhere in the try
    /// (see <see cref="ShareTryVariablesWithHandlers"/>), so that a release in a catch is seen.
    /// </summary>
    private List<(int Handler, ControlFlowRegion Try)> SeedHandlers(int first, int last, ControlFlowRegion? scope, Dictionary<int, FlowState> states, SortedSet<int> pending)
    {
        var handlers = new List<(int, ControlFlowRegion)>();
        for (var ordinal = first; ordinal <= last; ordinal++)
        {
            // The handler's first block may sit in nested regions (locals, captures) that start with it.
            var region = _cfg.Blocks[ordinal].EnclosingRegion;
            while (region.FirstBlockOrdinal == ordinal && region.Kind is not (ControlFlowRegionKind.Catch or ControlFlowRegionKind.Filter or ControlFlowRegionKind.FilterAndHandler)
                && region.EnclosingRegion is { } outer && outer.FirstBlockOrdinal == ordinal)
            {
                region = outer;
            }

            if (region.FirstBlockOrdinal != ordinal || region.Kind is not (ControlFlowRegionKind.Catch or ControlFlowRegionKind.Filter or ControlFlowRegionKind.FilterAndHandler))
            {
                continue;
            }

            if (NearestFinally(region) != scope || states.ContainsKey(ordinal))
            {
                continue;
            }

            states[ordinal] = NewState();
            pending.Add(ordinal);
            if (region.EnclosingRegion is { Kind: ControlFlowRegionKind.TryAndCatch } tryAndCatch
                && tryAndCatch.NestedRegions.Length > 0 && tryAndCatch.NestedRegions[0].Kind == ControlFlowRegionKind.Try)
            {
                handlers.Add((ordinal, tryAndCatch.NestedRegions[0]));
            }
        }

        return handlers;
    }

    private static bool MergeVariables(FlowState target, FlowState source)
    {
        var changed = false;
        for (var chunk = 0; chunk < source.Variables.ChunkCount; chunk++)
        {
            if (target.Variables.SharesChunk(source.Variables, chunk))
            {
                continue;
            }

            for (var variable = SharedArray<AllocationSet>.ChunkStart(chunk); variable < source.Variables.ChunkEnd(chunk); variable++)
            {
                changed |= target.MergeVariable(variable, source.Variables[variable]);
            }
        }

        return changed;
    }

    /// <summary>Merges what the variables may refer to inside each try into its handler's entry (ownership stays empty).</summary>
    private bool ShareTryVariablesWithHandlers(List<(int Handler, ControlFlowRegion Try)> handlers, Dictionary<int, FlowState> states, SortedSet<int> pending)
    {
        foreach (var (handler, @try) in handlers)
        {
            var entry = states[handler];
            var changed = false;
            if (_tryVariables.TryGetValue(@try, out var inTry))
            {
                changed |= MergeVariables(entry, inTry);
            }

            if (changed)
            {
                pending.Add(handler);
            }
        }

        return pending.Count > 0;
    }

    private static ControlFlowRegion? NearestFinally(ControlFlowRegion region)
    {
        for (var current = region; current is not null; current = current.EnclosingRegion)
        {
            if (current.Kind == ControlFlowRegionKind.Finally)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>
    /// One pass over each reached block, from its fixpoint state: records what happened to each
    /// allocation when <paramref name="recording"/>, and collects the states that end a finally region.
    /// </summary>
    private void Record(Dictionary<int, FlowState> states, bool recording, List<FlowState>? finallyExit)
    {
        var saved = _recording;
        _recording = recording;
        var ordinals = new List<int>(states.Keys);
        ordinals.Sort();
        foreach (var ordinal in ordinals)
        {
            FlowState? exit = null;
            // The fixpoint is done: each block's state is read this once, and may be changed in place.
            foreach (var _ in Process(_cfg.Blocks[ordinal], states[ordinal], ref exit))
            {
            }

            if (exit is not null)
            {
                finallyExit?.Add(exit);
            }
        }

        _recording = saved;
    }

    /// <summary>Runs a finally region inline on the state of a branch that crosses it; null when it never completes.</summary>
    private FlowState? RunFinally(ControlFlowRegion region, FlowState state)
    {
        var saved = _recording;
        _recording = false;
        var states = Solve(region.FirstBlockOrdinal, region.LastBlockOrdinal, region.FirstBlockOrdinal, state, region);
        var exits = new List<FlowState>();
        Record(states, recording: saved, exits);
        _recording = saved;

        FlowState? merged = null;
        foreach (var exit in exits)
        {
            if (merged is null)
            {
                merged = exit;
            }
            else
            {
                merged.MergeFrom(exit);
            }
        }

        return merged;
    }

    /// <summary>
    /// Runs one block on <paramref name="state"/> and yields the state for each successor block.
    /// A branch that ends a finally region sets <paramref name="finallyExit"/>.
    /// </summary>
    private IEnumerable<(int Successor, FlowState State)> Process(BasicBlock block, FlowState state, ref FlowState? finallyExit)
    {
        _block = block;
        foreach (var operation in block.Operations)
        {
            Eval(operation, state);
            EndStatement(state);
        }

        var results = new List<(int, FlowState)>(2);
        var branchValue = block.BranchValue;
        RememberTryVariables(block, state);
        if (block.ConditionKind == ControlFlowConditionKind.None)
        {
            if (branchValue is not null)
            {
                _returnedByRef = block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Return
                    && _function is { ReturnsByRef: true } or { ReturnsByRefReadonly: true } ? branchValue : null;
                var value = Eval(branchValue, state);
                _returnedByRef = null;
                switch (block.FallThroughSuccessor?.Semantics)
                {
                    case ControlFlowBranchSemantics.Return:
                        Transfer(value, TransferKinds.Returned, state, branchValue);
                        break;
                    default:
                        Transfer(value, TransferKinds.Escaped, state, branchValue);
                        break;
                }
            }

            EndStatement(state);
            Follow(block.FallThroughSuccessor, state, results, ref finallyExit);
        }
        else
        {
            var pattern = StripNot(branchValue!, out var patternNegated) as IIsPatternOperation;
            _branchPattern = pattern;
            Eval(branchValue!, state);
            _branchPattern = null;
            EndStatement(state);
            var whenTrue = state;
            var whenFalse = state.Clone();
            if (pattern is not null)
            {
                var matched = patternNegated ? whenFalse : whenTrue;
                var tested = VariableOf(pattern.Value);
                DeclarePatternLocals(pattern, tested >= 0 ? matched.Variables[tested] : null, matched);
                if (tested >= 0)
                {
                    NarrowAwayByType(patternNegated ? whenTrue : whenFalse, tested, pattern);
                }
            }

            if (TryGetNullTest(branchValue!, out var variable, out var nullWhenTrue))
            {
                NarrowToNull(nullWhenTrue ? whenTrue : whenFalse, variable);
            }

            NarrowGuardedAway(branchValue!, whenTrue, whenFalse);

            var jumpsWhenTrue = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
            Follow(block.ConditionalSuccessor, jumpsWhenTrue ? whenTrue : whenFalse, results, ref finallyExit);
            Follow(block.FallThroughSuccessor, jumpsWhenTrue ? whenFalse : whenTrue, results, ref finallyExit);
        }

        return results;
    }

    /// <summary>What variables may hold at the end of a block inside a try with handlers: the handlers start from it.</summary>
    private void RememberTryVariables(BasicBlock block, FlowState state)
    {
        for (var region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
        {
            if (region.Kind == ControlFlowRegionKind.Try && region.EnclosingRegion?.Kind == ControlFlowRegionKind.TryAndCatch)
            {
                if (!_tryVariables.TryGetValue(region, out var known))
                {
                    known = NewState();
                    _tryVariables.Add(region, known);
                }

                MergeVariables(known, state);
            }
        }
    }

    private void Follow(ControlFlowBranch? branch, FlowState state, List<(int, FlowState)> results, ref FlowState? finallyExit)
    {
        if (branch is null)
        {
            return;
        }

        FlowState? current = state;
        var source = _block;
        foreach (var region in branch.FinallyRegions)
        {
            current = RunFinally(region, current);
            _block = source;
            if (current is null)
            {
                return;
            }
        }

        _exit = branch;
        foreach (var region in branch.LeavingRegions)
        {
            ClearRegion(region, current);
        }

        if (branch.Destination is null)
        {
            if (branch.Semantics == ControlFlowBranchSemantics.StructuredExceptionHandling)
            {
                if (finallyExit is null)
                {
                    finallyExit = current;
                }
                else
                {
                    finallyExit.MergeFrom(current);
                }
            }

            // Throw, rethrow, error: the path ends by an exception, not a normal-path leak.
            return;
        }

        if (branch.Destination.Kind == BasicBlockKind.Exit)
        {
            LeaveFunction(current);
            _exit = null;
            return;
        }

        _exit = null;

        results.Add((branch.Destination.Ordinal, current));
    }

    /// <summary>The function returns: whatever is still owned is lost.</summary>
    private void LeaveFunction(FlowState state)
    {
        foreach (var allocation in new List<int>(state.Owned.Members()))
        {
            Lose(allocation, LossKind.LeftOwned, null, state);
        }
    }

    /// <summary>A region's locals and captures go out of scope: what only they held is lost.</summary>
    private void ClearRegion(ControlFlowRegion region, FlowState state)
    {
        List<int>? dropped = null;
        foreach (var local in region.Locals)
        {
            if (_locals.TryGetValue(local, out var index))
            {
                Drop(index, state, ref dropped);
            }
        }

        foreach (var capture in region.CaptureIds)
        {
            if (_captures.TryGetValue(capture, out var index))
            {
                Drop(index, state, ref dropped);
            }
        }

        if (dropped is null)
        {
            return;
        }

        foreach (var allocation in dropped)
        {
            if (state.Owned.Contains(allocation) && !state.IsReferenced(allocation))
            {
                Lose(allocation, LossKind.LeftOwned, null, state);
            }
        }
    }

    private static void Drop(int variable, FlowState state, ref List<int>? dropped)
    {
        state.Unanchor(variable);
        if (state.Variables[variable] is { } held)
        {
            dropped ??= new List<int>();
            dropped.AddRange(held.Members());
            state.Variables[variable] = null;
        }
    }

    /// <summary>A statement is done: a value it created that nothing holds any more is lost.</summary>
    private void EndStatement(FlowState state)
    {
        foreach (var allocation in _touched)
        {
            if (state.Owned.Contains(allocation) && !state.IsReferenced(allocation))
            {
                Lose(allocation, LossKind.LeftOwned, null, state);
            }
        }

        _touched.Clear();
        _recreatedWhileOwned.Clear();
    }

    private void Lose(int allocation, LossKind kind, IOperation? site, FlowState state)
    {
        state.Owned.Remove(allocation);
        if (_recording)
        {
            _allocations[allocation].RecordLoss(kind, site);
            if (kind == LossKind.LeftOwned && _exit is { } branch)
            {
                _allocations[allocation].RecordExit(ExitOf(_block, branch, branch.Destination?.Kind == BasicBlockKind.Exit));
            }
        }
    }
}
