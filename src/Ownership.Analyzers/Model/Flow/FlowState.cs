namespace Ownership.Analyzers.Model.Flow;

/// <summary>
/// The abstract state at one program point: which allocations may still be owned by this
/// method, and which allocations each variable (local or flow capture) may refer to.
/// A may-analysis: merging two paths takes unions. Two must-facts ride along, merged by
/// intersection: which allocations are released on every path here, and which variables hold
/// an allocation on every path where it is owned (its anchors).
/// The sets in <see cref="Variables"/> and <see cref="Anchors"/> are never changed in place once
/// stored: a change stores a new set. So a state is cloned by copying two arrays of references,
/// which the fixpoint does for every block it visits, and those arrays share their chunks until written.
/// </summary>
internal sealed class FlowState
{
    public FlowState(int variableCount, int allocationCount)
    {
        Owned = new AllocationSet(allocationCount);
        Released = new AllocationSet(allocationCount);
        Anchors = new SharedArray<AllocationSet>(allocationCount);
        Variables = new SharedArray<AllocationSet>(variableCount);
    }

    private FlowState(AllocationSet owned, AllocationSet released, SharedArray<AllocationSet> anchors, SharedArray<AllocationSet> variables)
    {
        Owned = owned;
        Released = released;
        Anchors = anchors;
        Variables = variables;
    }

    /// <summary>Allocations that may be owned, not yet released or handed on.</summary>
    public AllocationSet Owned { get; }

    /// <summary>Allocations released on every path that reaches this point (and not made again since).</summary>
    public AllocationSet Released { get; }

    /// <summary>
    /// Per allocation: the variables that refer to it on every path where it is owned, so that
    /// a null test of one of them proves it is not owned on the null branch. Meaningful only for
    /// owned allocations; null means "no constraint" (every variable).
    /// </summary>
    public SharedArray<AllocationSet> Anchors { get; }

    /// <summary>Per variable: the allocations it may refer to (null = none).</summary>
    public SharedArray<AllocationSet> Variables { get; }

    public FlowState Clone()
        => new(Owned.Clone(), Released.Clone(), Anchors.Copy(), Variables.Copy());

    /// <summary>The variable no longer refers to what it did: it anchors nothing.</summary>
    public void Unanchor(int variable)
    {
        for (var allocation = 0; allocation < Anchors.Length; allocation++)
        {
            if (Anchors[allocation] is { } anchors && anchors.Contains(variable))
            {
                Anchors[allocation] = anchors.Without(variable);
            }
        }
    }

    /// <summary>Makes <paramref name="variable"/> one of the anchors of <paramref name="allocation"/>.</summary>
    public void Anchor(int allocation, int variable, int variableCount)
        => Anchors[allocation] = Anchors[allocation] is { } anchors ? anchors.With(variable) : AllocationSet.Of(variable, variableCount);

    /// <summary>Adds what <paramref name="theirs"/> may refer to into variable <paramref name="variable"/>; true when it grew.</summary>
    public bool MergeVariable(int variable, AllocationSet? theirs)
    {
        if (theirs is null || theirs.IsEmpty)
        {
            return false;
        }

        var mine = Variables[variable];
        if (mine is null)
        {
            Variables[variable] = theirs;
            return true;
        }

        if (theirs.IsSubsetOf(mine) && !theirs.HasUncertainNotIn(mine))
        {
            return false;
        }

        Variables[variable] = mine.Union(theirs);
        return true;
    }

    /// <summary>Merges <paramref name="other"/> into this state; true when anything changed.</summary>
    public bool MergeFrom(FlowState other)
    {
        // Anchors first: they depend on which side owned each allocation before the union.
        var changed = MergeAnchors(other);
        changed |= Owned.UnionWith(other.Owned);
        changed |= Released.IntersectWith(other.Released);
        for (var chunk = 0; chunk < Variables.ChunkCount; chunk++)
        {
            if (Variables.SharesChunk(other.Variables, chunk))
            {
                continue;
            }

            for (var i = SharedArray<AllocationSet>.ChunkStart(chunk); i < Variables.ChunkEnd(chunk); i++)
            {
                changed |= MergeVariable(i, other.Variables[i]);
            }
        }

        return changed;
    }

    /// <summary>A path where an allocation is not owned says nothing about its anchors; where both own it, keep the common ones.</summary>
    private bool MergeAnchors(FlowState other)
    {
        var changed = false;
        for (var allocation = 0; allocation < Anchors.Length; allocation++)
        {
            if (!other.Owned.Contains(allocation) || other.Anchors[allocation] is not { } theirs)
            {
                continue;
            }

            if (!Owned.Contains(allocation) || Anchors[allocation] is not { } mine)
            {
                changed |= Anchors[allocation] != theirs;
                Anchors[allocation] = theirs;
            }
            else if (!mine.IsSubsetOf(theirs))
            {
                Anchors[allocation] = mine.Intersection(theirs);
                changed = true;
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
