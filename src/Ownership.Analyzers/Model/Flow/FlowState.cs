namespace Ownership.Analyzers.Model.Flow;

/// <summary>
/// The abstract state at one program point: which allocations may still be owned by this
/// method, and which allocations each variable (local or flow capture) may refer to.
/// A may-analysis: merging two paths takes unions.
/// </summary>
internal sealed class FlowState
{
    public FlowState(int variableCount, int allocationCount)
    {
        Owned = new AllocationSet(allocationCount);
        Variables = new AllocationSet?[variableCount];
    }

    private FlowState(AllocationSet owned, AllocationSet?[] variables)
    {
        Owned = owned;
        Variables = variables;
    }

    /// <summary>Allocations that may be owned, not yet released or handed on.</summary>
    public AllocationSet Owned { get; }

    /// <summary>Per variable: the allocations it may refer to (null = none).</summary>
    public AllocationSet?[] Variables { get; }

    public FlowState Clone()
    {
        var variables = new AllocationSet?[Variables.Length];
        for (var i = 0; i < variables.Length; i++)
        {
            variables[i] = Variables[i]?.Clone();
        }

        return new FlowState(Owned.Clone(), variables);
    }

    /// <summary>Merges <paramref name="other"/> into this state; true when anything grew.</summary>
    public bool MergeFrom(FlowState other)
    {
        var changed = Owned.UnionWith(other.Owned);
        for (var i = 0; i < Variables.Length; i++)
        {
            var theirs = other.Variables[i];
            if (theirs is null || theirs.IsEmpty)
            {
                continue;
            }

            if (Variables[i] is null)
            {
                Variables[i] = theirs.Clone();
                changed = true;
            }
            else
            {
                changed |= Variables[i]!.UnionWith(theirs);
            }
        }

        return changed;
    }

    /// <summary>True when some variable other than <paramref name="except"/> may refer to <paramref name="allocation"/>.</summary>
    public bool IsReferenced(int allocation, int except = -1)
    {
        for (var i = 0; i < Variables.Length; i++)
        {
            if (i != except && Variables[i] is { } set && set.Contains(allocation))
            {
                return true;
            }
        }

        return false;
    }
}
