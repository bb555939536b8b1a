using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model.Types;

namespace Ownership.Analyzers.Model.Cycles;

/// <summary>A cycle of the ownership graph, its edges in order; the last edge is the one that closes it.</summary>
internal sealed record OwnershipCycle(ImmutableArray<OwnershipEdge> Edges)
{
    public OwnershipEdge Closing => Edges[Edges.Length - 1];
}

/// <summary>
/// The type-level ownership graph of a compilation (DESIGN §1: it must be a forest). Nodes are source
/// classes and structs; there is an edge A→B when A's disposal releases a member that can hold a B:
/// the member's own type, or the type of a value A creates and stores in it. Owned members give
/// parent→child edges; a released member A did not create (a back reference) gives an edge too,
/// because the danger is the release, not who created the value.
/// <para>
/// A release made safe is no edge: one under an ownership flag or identity test
/// (<see cref="MemberOwnership.HasGuardedRelease"/>), or one after a disposed flag is checked and set
/// (<see cref="ReentrancyGuard"/>), which stops the recursion when disposal comes round again.
/// A borrowed member that is never released is no edge either.
/// </para>
/// <para>
/// Edges are computed lazily, once per type, from <see cref="OwnershipModel.GetTypeOwnership"/> and
/// cached here; cycles are searched from the type that closes them, over the types reachable from it,
/// so a rule can report in a symbol action and live in the IDE.
/// </para>
/// </summary>
internal sealed class OwnershipGraph
{
    /// <summary>Longer cycles are not searched: bounded work on every keystroke.</summary>
    private const int MaxCycleLength = 6;
    private const int MaxCyclesPerType = 8;
    private const int MaxSearchSteps = 4096;

    private readonly OwnershipModel _model;
    private readonly ConcurrentDictionary<INamedTypeSymbol, Lazy<ImmutableArray<OwnershipEdge>>> _edges = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, string> _keys = new(SymbolEqualityComparer.Default);

    public OwnershipGraph(OwnershipModel model) => _model = model;

    /// <summary>The edges that leave a type: those of its own members and of its source base types' members.</summary>
    public ImmutableArray<OwnershipEdge> EdgesFrom(INamedTypeSymbol type, OwnershipOptions options)
        => _edges.GetOrAdd(type.OriginalDefinition, node => new Lazy<ImmutableArray<OwnershipEdge>>(
            () => BuildEdges(node, options), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>
    /// The cycles whose closing edge leaves <paramref name="type"/>. Every cycle has exactly one closing
    /// edge, chosen from the cycle alone (not from where the search started): rotate the cycle to start
    /// at its smallest type (by fully qualified name); the closing edge is the first back reference
    /// (an edge whose member the type did not create) in that order, or else the edge into the smallest
    /// type. So each cycle is reported once, by one type, whichever type the analyzer visits first.
    /// </summary>
    public ImmutableArray<OwnershipCycle> CyclesClosedBy(INamedTypeSymbol type, OwnershipOptions options, CancellationToken cancellationToken)
    {
        var start = type.OriginalDefinition;
        var search = new Search(this, start, options, cancellationToken);
        search.AddSelfCycle();
        search.Walk(start, new List<INamedTypeSymbol> { start });
        return search.Found.ToImmutableArray();
    }

    private ImmutableArray<OwnershipEdge> BuildEdges(INamedTypeSymbol node, OwnershipOptions options)
    {
        var edges = ImmutableArray.CreateBuilder<OwnershipEdge>();
        for (var declaring = node; declaring is not null && _model.IsSource(declaring); declaring = declaring.BaseType?.OriginalDefinition)
        {
            var ownership = _model.GetTypeOwnership(declaring, options);
            if (ownership.HasErrors)
            {
                // Half-typed code: no edges from it rather than guesses.
                return SymbolEqualityComparer.Default.Equals(declaring, node) ? ImmutableArray<OwnershipEdge>.Empty : edges.ToImmutable();
            }

            foreach (var member in ownership.Members)
            {
                if (!member.IsReleased || member.HasGuardedRelease || ReentrancyGuard.Protects(_model, ownership, member))
                {
                    continue;
                }

                foreach (var target in Targets(member))
                {
                    edges.Add(new OwnershipEdge(node, member, target));
                }
            }
        }

        return edges.ToImmutable();
    }

    /// <summary>
    /// The source types a released member can hold: the types of the values the owner creates into it,
    /// and its declared type unless every stored value is one of those creations (then the declared
    /// base type would only repeat the same cycle a second time).
    /// </summary>
    private IEnumerable<INamedTypeSymbol> Targets(MemberOwnership member)
    {
        var targets = new List<INamedTypeSymbol>();
        if (member.Assignments.Count == 0 || member.Assignments.Any(assignment => assignment.Origin != Origin.Created))
        {
            AddNode(targets, member.Type);
        }

        foreach (var assignment in member.Assignments)
        {
            if (assignment.Origin == Origin.Created)
            {
                AddNode(targets, _model.Unwrap(assignment.Value)?.Type);
            }
        }

        return targets;
    }

    /// <summary>
    /// Only source classes and structs are nodes. A member typed as an interface or a framework base
    /// class (<c>IDisposable</c>, <c>Stream</c>) is not expanded to every implementation: decorators and
    /// wrappers that hold "another Stream" form chains of instances, not cycles.
    /// </summary>
    private void AddNode(List<INamedTypeSymbol> targets, ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named && _model.IsSource(named)
            && !targets.Contains(named.OriginalDefinition, SymbolEqualityComparer.Default))
        {
            targets.Add(named.OriginalDefinition);
        }
    }

    private string KeyOf(INamedTypeSymbol type)
        => _keys.GetOrAdd(type, t =>
        {
            var location = t.Locations.Length > 0 ? t.Locations[0] : Location.None;
            return t.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "|" + location.SourceTree?.FilePath + "|" + location.SourceSpan.Start.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        });

    private static bool Same(INamedTypeSymbol a, INamedTypeSymbol b) => SymbolEqualityComparer.Default.Equals(a, b);

    /// <summary>
    /// Of several members of <paramref name="from"/> that reach <paramref name="to"/>, the one that stands
    /// for the edge: a back reference before an owned member, then by member name (deterministic).
    /// </summary>
    private OwnershipEdge? CanonicalEdge(INamedTypeSymbol from, INamedTypeSymbol to, OwnershipOptions options)
        => EdgesFrom(from, options)
            .Where(edge => Same(edge.To, to))
            .OrderBy(edge => edge.IsOwned ? 1 : 0)
            .ThenBy(edge => KeyOf(edge.DeclaringType), StringComparer.Ordinal)
            .ThenBy(edge => edge.MemberName, StringComparer.Ordinal)
            .FirstOrDefault();

    private sealed class Search
    {
        private readonly OwnershipGraph _graph;
        private readonly INamedTypeSymbol _start;
        private readonly OwnershipOptions _options;
        private readonly CancellationToken _cancellationToken;
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private int _steps;

        public Search(OwnershipGraph graph, INamedTypeSymbol start, OwnershipOptions options, CancellationToken cancellationToken)
        {
            _graph = graph;
            _start = start;
            _options = options;
            _cancellationToken = cancellationToken;
        }

        public List<OwnershipCycle> Found { get; } = new();

        /// <summary>
        /// A member of the type's own type is a chain of instances (a list node owning the next one), not a
        /// cycle. It becomes one when the same type also releases a back reference of its own type: the
        /// child it owns then releases its parent, which releases the child again.
        /// </summary>
        public void AddSelfCycle()
        {
            var selfEdges = _graph.EdgesFrom(_start, _options).Where(edge => Same(edge.To, _start)).ToList();
            var owned = selfEdges.Where(edge => edge.IsOwned).OrderBy(edge => edge.MemberName, StringComparer.Ordinal).FirstOrDefault();
            var back = selfEdges.Where(edge => !edge.IsOwned).OrderBy(edge => edge.MemberName, StringComparer.Ordinal).FirstOrDefault();
            if (owned is not null && back is not null && !ReferenceEquals(owned.Member, back.Member))
            {
                Found.Add(new OwnershipCycle(ImmutableArray.Create(owned, back)));
            }
        }

        public void Walk(INamedTypeSymbol current, List<INamedTypeSymbol> path)
        {
            var successors = _graph.EdgesFrom(current, _options).Select(edge => edge.To).Where(to => !Same(to, current)).Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var next in successors)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (Found.Count >= MaxCyclesPerType || ++_steps > MaxSearchSteps)
                {
                    return;
                }

                if (Same(next, _start))
                {
                    Consider(path);
                    continue;
                }

                if (path.Count >= MaxCycleLength || path.Contains(next, SymbolEqualityComparer.Default))
                {
                    continue;
                }

                path.Add(next);
                Walk(next, path);
                path.RemoveAt(path.Count - 1);
            }
        }

        private void Consider(List<INamedTypeSymbol> path)
        {
            var smallest = 0;
            for (var i = 1; i < path.Count; i++)
            {
                if (string.CompareOrdinal(_graph.KeyOf(path[i]), _graph.KeyOf(path[smallest])) < 0)
                {
                    smallest = i;
                }
            }

            var nodes = path.Skip(smallest).Concat(path.Take(smallest)).ToList();
            if (!_seen.Add(string.Join("→", nodes.Select(_graph.KeyOf))))
            {
                return;
            }

            var edges = new List<OwnershipEdge>();
            for (var i = 0; i < nodes.Count; i++)
            {
                if (_graph.CanonicalEdge(nodes[i], nodes[(i + 1) % nodes.Count], _options) is not { } edge)
                {
                    return;
                }

                edges.Add(edge);
            }

            var closing = edges.FindIndex(edge => !edge.IsOwned);
            if (closing < 0)
            {
                closing = edges.Count - 1;
            }

            if (!Same(edges[closing].From, _start))
            {
                // Another type of the cycle closes it and reports it.
                return;
            }

            // Read from the edge after the closing one, so the message ends with the closing edge.
            var ordered = edges.Skip(closing + 1).Concat(edges.Take(closing + 1)).ToImmutableArray();
            Found.Add(new OwnershipCycle(ordered));
        }
    }
}
