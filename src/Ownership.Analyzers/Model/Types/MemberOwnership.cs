using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Ownership.Analyzers.Model.Types;

/// <summary>One value stored in a member: where it comes from and where it was stored.</summary>
/// <param name="Value">The assigned value (or initializer).</param>
/// <param name="Origin">Created (this type made it, so the type owns it) or Borrowed/Unknown.</param>
/// <param name="Site">The assignment or initializer.</param>
/// <param name="Source">For a borrowed value: what it was borrowed from (a parameter, a service lookup…).</param>
internal readonly record struct MemberAssignment(IOperation Value, Origin Origin, IOperation Site, ISymbol? Source);

/// <summary>
/// What a type does with one of its own instance members (a field or an auto-property) that can
/// hold a resource: the values stored in it, and where the type releases it.
/// </summary>
internal sealed class MemberOwnership
{
    private readonly List<MemberAssignment> _assignments = new();
    private readonly List<IOperation> _releases = new();
    private readonly List<IOperation> _handOvers = new();
    private readonly List<IOperation> _finalizerPathReleases = new();
    private readonly HashSet<IMethodSymbol> _releasedBy = new(SymbolEqualityComparer.Default);

    public MemberOwnership(ISymbol member, ITypeSymbol type, bool isResource = true)
    {
        Member = member;
        Type = type;
        IsResource = isResource;
    }

    /// <summary>The member's type is a resource (the type rules' business); otherwise it is tracked as a publisher (the root rules').</summary>
    public bool IsResource { get; }

    /// <summary>The field or property.</summary>
    public ISymbol Member { get; }

    public ITypeSymbol Type { get; }

    public IReadOnlyList<MemberAssignment> Assignments => _assignments;

    /// <summary>Releases of the member in the type's disposal methods (and what they call).</summary>
    public IReadOnlyList<IOperation> Releases => _releases;

    /// <summary>
    /// The releases that provably release the member: a release call on it, a <c>using</c>, or an
    /// argument to a method that releases that parameter on every path. A member merely handed to
    /// a callee that keeps, stores or forwards it (<c>Ambient.SetCurrent(_previous)</c>) counts as
    /// released for the leak rules (it is no longer this type's to lose) but is not a release of
    /// something borrowed.
    /// </summary>
    public IEnumerable<IOperation> SureReleases
    {
        get
        {
            foreach (var release in _releases)
            {
                if (!_handOvers.Contains(release))
                {
                    yield return release;
                }
            }
        }
    }

    /// <summary>Releases guarded by an ownership flag or an identity test (a conditional owner, DESIGN §4.4).</summary>
    public bool HasGuardedRelease { get; private set; }

    /// <summary>The type stores a value it created: it owns the member.</summary>
    public bool IsOwned
    {
        get
        {
            foreach (var assignment in _assignments)
            {
                if (assignment.Origin == Origin.Created)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The type stores values it did not create (a parameter, a service, another object's member).</summary>
    public bool IsBorrowed
    {
        get
        {
            foreach (var assignment in _assignments)
            {
                if (assignment.Origin == Origin.Borrowed)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// The type stores values it provably does not own beside values it created: a value from a
    /// service lookup or another object's member, or a parameter in the same assignment as a
    /// creation (<c>_client = client ?? new HttpClient()</c>: "use yours if given, else mine").
    /// A parameter stored on its own is the wrapper convention — the type takes it over, as
    /// <c>StreamReader</c> does — and does not count.
    /// </summary>
    public bool IsOwnedAndBorrowed
    {
        get
        {
            if (!IsOwned)
            {
                return false;
            }

            foreach (var assignment in _assignments)
            {
                if (assignment.Origin != Origin.Borrowed)
                {
                    continue;
                }

                if (assignment.Source is not IParameterSymbol)
                {
                    return true;
                }

                foreach (var other in _assignments)
                {
                    if (other.Origin == Origin.Created && other.Site == assignment.Site)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }

    /// <summary>Released in the type's disposal methods.</summary>
    public bool IsReleased => _releases.Count > 0;

    /// <summary>Released in some method of the type, disposal or not (a Start/Stop lifecycle).</summary>
    public bool IsReleasedSomewhere { get; private set; }

    /// <summary>The first assignment of a created value, for messages.</summary>
    public MemberAssignment? FirstCreated
    {
        get
        {
            foreach (var assignment in _assignments)
            {
                if (assignment.Origin == Origin.Created)
                {
                    return assignment;
                }
            }

            return null;
        }
    }

    internal void AddAssignment(MemberAssignment assignment) => _assignments.Add(assignment);

    /// <summary>
    /// Releases that also run when the object is finalized: in Dispose(bool) (or a helper it calls)
    /// outside a test of `disposing`, or in the finalizer itself.
    /// </summary>
    public IReadOnlyList<IOperation> FinalizerPathReleases => _finalizerPathReleases;

    internal void AddFinalizerPathRelease(IOperation release) => _finalizerPathReleases.Add(release);

    /// <summary>The disposal methods (Dispose(), Dispose(bool), DisposeAsync…) whose run releases the member, directly or through a helper.</summary>
    public IReadOnlyCollection<IMethodSymbol> ReleasedBy => _releasedBy;

    internal void AddRelease(IOperation release, bool guarded, bool onFinalizerPath = false, IMethodSymbol? disposalMethod = null, bool handedOver = false)
    {
        if (handedOver)
        {
            _handOvers.Add(release);
        }

        if (disposalMethod is not null)
        {
            _releasedBy.Add(disposalMethod.OriginalDefinition);
        }

        if (onFinalizerPath)
        {
            _finalizerPathReleases.Add(release);
        }

        _releases.Add(release);
        HasGuardedRelease |= guarded;
        IsReleasedSomewhere = true;
    }

    /// <summary>Released in a method that is not part of disposal (Stop, Close, Reconnect): a managed lifecycle.</summary>
    public bool IsReleasedOutsideDisposal { get; private set; }

    internal void MarkReleasedSomewhere(IOperation release)
    {
        IsReleasedSomewhere = true;
        if (!_releases.Contains(release))
        {
            IsReleasedOutsideDisposal = true;
        }
    }
}
