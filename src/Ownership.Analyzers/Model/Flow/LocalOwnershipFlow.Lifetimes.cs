using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;

namespace Ownership.Analyzers.Model.Flow;

/// <summary>
/// The lifetime part of the flow (OWN3xx): releases that happen on the owner's behalf, so that
/// a later use is a use after release.
/// <list type="bullet">
/// <item>An object that surely took ownership of an allocation (<c>new StreamReader(stream)</c>)
/// releases it when it is released itself: the allocation is released wherever its owner is
/// released on every path. Kept apart from the state's own releases, so that disposing the
/// wrapper and then the stream is not a repeated release.</item>
/// <item>A method that surely disposes its argument (<c>[HandlesResourceDisposal]</c>, or a source
/// method that releases the parameter unconditionally) releases it at the call.</item>
/// </list>
/// </summary>
internal sealed partial class LocalOwnershipFlow
{
    /// <summary>How many owners deep a release is followed (a reader over a zip stream over a file).</summary>
    private const int MaxOwnerChain = 4;

    /// <summary>Per allocation handed to an owner built in this method: that owner's allocation, or -1 when it may be one of several.</summary>
    private readonly Dictionary<int, int> _ownerOf = new();

    /// <summary>
    /// Creation sites whose new instance was made while a variable still held an older one
    /// (<c>previous = current</c> in a loop). The state cannot tell the instances apart, so releasing
    /// one says nothing about the other: no use after release or repeated release is recorded for them.
    /// </summary>
    private readonly HashSet<int> _sharedCreationSites = new();

    private bool AnySharedCreationSite(AllocationSet value)
    {
        if (_sharedCreationSites.Count == 0)
        {
            return false;
        }

        foreach (var allocation in value.Members())
        {
            if (_sharedCreationSites.Contains(allocation))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A constructor argument that the new object surely owns: releasing that object releases it.</summary>
    private void RecordOwner(AllocationSet taken, int owner)
    {
        if (!taken.TryGetSingle(out var inner))
        {
            foreach (var member in taken.Members())
            {
                _ownerOf[member] = -1;
            }

            return;
        }

        if (inner == owner)
        {
            return;
        }

        _ownerOf[inner] = _ownerOf.TryGetValue(inner, out var known) && known != owner ? -1 : owner;
    }

    /// <summary>A call to a method that surely releases the argument: released here, by someone else.</summary>
    private void ReleasedByCallee(AllocationSet passed, IOperation call, FlowState state)
    {
        if (!passed.TryGetSingle(out var single))
        {
            return;
        }

        state.Released.Add(single);
        if (_recording)
        {
            _allocations[single].RecordReleaseByOther(call);
        }
    }

    /// <summary>The argument is one the callee surely releases (see <see cref="MethodSummaries.SurelyReleasesParameter"/>).</summary>
    private bool CalleeReleases(IMethodSymbol method, IArgumentOperation argument)
        => method.MethodKind != MethodKind.Constructor
            && argument.Parameter is { RefKind: RefKind.None } parameter
            && (OwnershipAttributes.HandlesDisposal(parameter) || _model.Summaries.SurelyReleasesParameter(method, parameter));

    /// <summary>What the callee does with a disposable argument it takes, beyond taking it: own it (a wrapper) or release it.</summary>
    private void TakenByCall(AllocationSet taken, IOperation call, IMethodSymbol method, IArgumentOperation argument, ImmutableArray<IArgumentOperation> arguments, FlowState state)
    {
        if (method.MethodKind == MethodKind.Constructor)
        {
            if (_allocationByOperation.TryGetValue(call, out var wrapper) && _knowledge.ConstructorSurelyTakes(method, argument, arguments))
            {
                RecordOwner(taken, wrapper.Index);
            }
        }
        else if (CalleeReleases(method, argument))
        {
            ReleasedByCallee(taken, call, state);
        }
    }

    /// <summary>A disposable passed to a parameter of its own kind is used; one passed as <c>object</c> or <c>T</c> is only a key or a value to compare.</summary>
    private bool IsUsedAsResource(IArgumentOperation argument)
        => argument.Parameter is not { } parameter || _knowledge.IsResourceType(parameter.Type);

    /// <summary>Records a use of allocations that are released on every path here, each by itself or through its owner.</summary>
    private void UseThroughOwners(AllocationSet value, IOperation site, FlowState state)
    {
        List<(int Allocation, int Owner)>? released = null;
        foreach (var allocation in value.Members())
        {
            var owner = state.Released.Contains(allocation) ? allocation : ReleasedOwner(allocation, state);
            if (owner < 0)
            {
                return;
            }

            (released ??= new List<(int, int)>()).Add((allocation, owner));
        }

        if (released is null)
        {
            return;
        }

        foreach (var (allocation, owner) in released)
        {
            _allocations[allocation].RecordUseAfterRelease(site, _allocations[owner]);
        }
    }

    /// <summary>
    /// A null test of the only variables that hold <paramref name="allocation"/> (the check a <c>using</c>
    /// makes before its release): on the null branch nothing of it is left to use or release, so
    /// it counts as released there, and the paths meet released after the <c>using</c>.
    /// </summary>
    private static void NullOnThisBranch(int allocation, List<int> tested, FlowState state)
    {
        for (var variable = 0; variable < state.Variables.Length; variable++)
        {
            if (!tested.Contains(variable) && state.Variables[variable] is { } held && held.Contains(allocation))
            {
                // Another variable still holds it (another instance from the same creation site, in a loop).
                return;
            }
        }

        state.Released.Add(allocation);
    }

    /// <summary>The owner (or its owner, …) of <paramref name="allocation"/> released on every path here; -1 when none.</summary>
    private int ReleasedOwner(int allocation, FlowState state)
    {
        var current = allocation;
        for (var step = 0; step < MaxOwnerChain; step++)
        {
            if (!_ownerOf.TryGetValue(current, out var owner) || owner < 0)
            {
                return -1;
            }

            if (state.Released.Contains(owner))
            {
                return owner;
            }

            current = owner;
        }

        return -1;
    }
}
