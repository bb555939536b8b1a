using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Model.Types;

namespace Ownership.Analyzers.Model.Cycles;

/// <summary>
/// One edge of the type-level ownership graph: instances of <see cref="From"/> release, when they are
/// disposed, the value held in <see cref="Member"/>, which can be an instance of <see cref="To"/>.
/// </summary>
/// <param name="From">The node the edge leaves: the type whose instances release (a derived type inherits its bases' edges).</param>
/// <param name="Member">The type rules' fact about the member (declared by <c>From</c> or one of its source base types).</param>
/// <param name="To">The source type of the released value: the member's type, or the type of a value the owner creates and stores.</param>
internal sealed record OwnershipEdge(INamedTypeSymbol From, MemberOwnership Member, INamedTypeSymbol To)
{
    /// <summary>The member holds a value its type created: a parent→child edge. Otherwise a released back reference.</summary>
    public bool IsOwned => Member.IsOwned;

    /// <summary>The type that declares the member (<see cref="From"/> or a base of it).</summary>
    public INamedTypeSymbol DeclaringType => Member.Member.ContainingType;

    public string MemberName => Member.Member.Name;
}
