using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Ownership.Analyzers.Model.Types;

/// <summary>
/// The model's answer for one type (DESIGN §1: a type is the owner of what its members hold):
/// its resource members, which it owns or borrows, and whether its disposal releases them.
/// </summary>
internal sealed class TypeOwnership
{
    public static readonly TypeOwnership Unknown = new(null!, ImmutableArray<MemberOwnership>.Empty, ImmutableArray<IMethodSymbol>.Empty, ImmutableArray<IOperation>.Empty, hasErrors: true);

    private readonly ExternalReleases? _external;
    private readonly SelfAttaching? _creations;

    public TypeOwnership(INamedTypeSymbol type, ImmutableArray<MemberOwnership> members, ImmutableArray<IMethodSymbol> disposalMethods, ImmutableArray<IOperation> bodies, bool hasErrors, ExternalReleases? external = null, SelfAttaching? creations = null)
    {
        _external = external;
        _creations = creations;
        Type = type;
        AllMembers = members;
        Members = members.Where(m => m.IsResource).ToImmutableArray();
        DisposalMethods = disposalMethods;
        Bodies = bodies;
        HasErrors = hasErrors;
    }

    public INamedTypeSymbol Type { get; }

    /// <summary>Instance fields and auto-properties declared by the type that can hold a resource.</summary>
    public ImmutableArray<MemberOwnership> Members { get; }

    /// <summary>
    /// <see cref="Members"/> plus the members that hold a publisher (a type with events, an
    /// observable, a token): where the type got them tells whether they outlive it (DESIGN §1, lifetimes).
    /// </summary>
    public ImmutableArray<MemberOwnership> AllMembers { get; }

    /// <summary>Where the type releases what it owns: Dispose, Dispose(bool), DisposeAsync, test cleanup, StopAsync.</summary>
    public ImmutableArray<IMethodSymbol> DisposalMethods { get; }

    /// <summary>The operation trees of every member body and initializer of the type (empty when it has errors).</summary>
    public ImmutableArray<IOperation> Bodies { get; }

    /// <summary>Some body of the type has invalid code: rules stay silent (half-typed code).</summary>
    public bool HasErrors { get; }

    /// <summary>
    /// The type's only instance lives as long as the process (see <see cref="ProcessLifetime"/>):
    /// what it owns is released when the process ends, so not releasing it loses nothing.
    /// </summary>
    public bool IsProcessLifetime => _isProcessLifetime ??= Type is not null && _creations is not null && ProcessLifetime.IsSingleton(Type, _creations);

    private bool? _isProcessLifetime;

    /// <summary>
    /// The type owns the member (it stored a value it created) and nothing of the type ever
    /// releases it, while the owner's lifetime ends before the process does: the member is lost.
    /// Code that holds the instance and releases the member through it (<c>Configuration.Timer.Dispose()</c>)
    /// ends its lifetime too (<see cref="ExternalReleases"/>).
    /// </summary>
    public bool Loses(MemberOwnership member) => member.IsOwned && !member.IsReleasedSomewhere && !IsProcessLifetime
        && _external?.IsReleasedThroughAnotherInstance(member.Member) != true;
}
