using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model;
using Ownership.Analyzers.Model.Types;
using Ownership.Analyzers.Reporting;

namespace Ownership.Analyzers.Tool.Analysis;

/// <summary>
/// Builds the report's graph from the ownership model (the type rules' own facts: who stores what,
/// created or borrowed, and where it is released), the cycle search, and the findings. The tool
/// adds no ownership reasoning of its own: every edge and every sentence is read off the model.
/// </summary>
internal sealed class ReportGraphBuilder
{
    private static readonly SymbolDisplayFormat LabelFormat = SymbolDisplayFormat.MinimallyQualifiedFormat;

    private readonly string _root;
    private readonly List<string> _projects = new();
    private readonly Dictionary<string, GraphNode> _nodes = new(StringComparer.Ordinal);
    private readonly List<GraphEdge> _edges = new();
    private readonly List<Finding> _findings = new();
    private readonly HashSet<(string Type, string Member)> _cycleMembers = new();

    /// <param name="root">The folder file paths are written relative to (the solution's).</param>
    public ReportGraphBuilder(string root) => _root = Path.GetFullPath(root);

    /// <summary>Adds one project's types and findings; returns how many types the model summarised.</summary>
    public int AddProject(Project project, Compilation compilation, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        _projects.Add(project.Name);
        var model = OwnershipModel.For(compilation);
        var referenced = new Dictionary<string, INamedTypeSymbol>(StringComparer.Ordinal);
        var withFindings = new HashSet<string>(StringComparer.Ordinal);

        foreach (var diagnostic in diagnostics)
        {
            var finding = ToFinding(project, compilation, diagnostic, cancellationToken);
            _findings.Add(finding);
            if (finding.TypeKey is { } key && !finding.IsSuppressed)
            {
                withFindings.Add(key);
            }
        }

        var summarised = 0;
        foreach (var type in SourceTypes(compilation.Assembly.GlobalNamespace))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = Key(type);
            var options = OwnershipOptions.Get(project.AnalyzerOptions, type.DeclaringSyntaxReferences[0].SyntaxTree);
            var ownership = model.GetTypeOwnership(type, options);
            summarised++;
            if (ownership.HasErrors || ownership.Members.IsEmpty)
            {
                if (withFindings.Contains(key))
                {
                    AddSourceNode(key, type, project.Name, ImmutableArray<MemberFact>.Empty);
                }

                continue;
            }

            AddCycles(model, type, options, cancellationToken);
            var facts = ImmutableArray.CreateBuilder<MemberFact>();
            foreach (var member in ownership.Members)
            {
                facts.Add(Describe(ownership, member));
                foreach (var (target, kind) in Targets(member))
                {
                    var targetKey = Key(target);
                    if (!SymbolEqualityComparer.Default.Equals(target.ContainingAssembly, compilation.Assembly))
                    {
                        referenced[targetKey] = target;
                    }

                    _edges.Add(new GraphEdge(key, targetKey, kind, member.Member.Name, InCycle: false));
                }
            }

            AddSourceNode(key, type, project.Name, facts.ToImmutable());
        }

        foreach (var pair in referenced)
        {
            if (!_nodes.ContainsKey(pair.Key))
            {
                var kind = pair.Value.DeclaringSyntaxReferences.Length > 0 ? NodeKind.SourceType : NodeKind.Resource;
                _nodes[pair.Key] = new GraphNode(pair.Key, pair.Value.ToDisplayString(LabelFormat), pair.Value.ToDisplayString(), kind, null, null, IsDisposable(pair.Value), ImmutableArray<MemberFact>.Empty);
            }
        }

        // A source target the model had nothing to say about (no resource member) is still a node.
        foreach (var edge in _edges.Where(e => !_nodes.ContainsKey(e.To)).ToList())
        {
            var type = SourceTypes(compilation.Assembly.GlobalNamespace).FirstOrDefault(t => Key(t) == edge.To);
            if (type is not null)
            {
                AddSourceNode(edge.To, type, project.Name, ImmutableArray<MemberFact>.Empty);
            }
        }

        return summarised;
    }

    public ReportGraph Build(ImmutableArray<RuleInfo> rules, ImmutableArray<string> problems)
    {
        var edges = _edges
            .Where(e => _nodes.ContainsKey(e.From) && _nodes.ContainsKey(e.To))
            .Select(e => e with { InCycle = e.Kind != EdgeKind.TransfersTo && _cycleMembers.Contains((e.From, e.Member)) })
            .Distinct()
            .OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.Member, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal).ThenBy(e => e.Kind)
            .ToImmutableArray();
        var findings = _findings
            .OrderBy(f => f.Place?.File ?? string.Empty, StringComparer.Ordinal).ThenBy(f => f.Place?.Line ?? 0).ThenBy(f => f.Place?.Column ?? 0).ThenBy(f => f.Rule, StringComparer.Ordinal)
            .ToImmutableArray();
        return new ReportGraph(
            _root,
            _projects.ToImmutableArray(),
            _nodes.Values.OrderBy(n => n.Id, StringComparer.Ordinal).ToImmutableArray(),
            edges,
            findings,
            rules,
            problems);
    }

    /// <summary>What the member can hold: the created values' types (owned) and the member's own type when it also borrows.</summary>
    private static IEnumerable<(INamedTypeSymbol Target, EdgeKind Kind)> Targets(MemberOwnership member)
    {
        var seen = new HashSet<(INamedTypeSymbol, EdgeKind)>();
        foreach (var assignment in member.Assignments)
        {
            var kind = assignment.Origin switch
            {
                Origin.Created => EdgeKind.Owns,
                Origin.Borrowed => EdgeKind.Borrows,
                _ => (EdgeKind?)null,
            };
            if (kind is null)
            {
                continue;
            }

            var type = (kind == EdgeKind.Owns ? CreatedType(assignment.Value) : null) ?? member.Type as INamedTypeSymbol;
            if (type is not null && seen.Add((type.OriginalDefinition, kind.Value)))
            {
                yield return (type.OriginalDefinition, kind.Value);
            }
        }

        // A member whose values the model cannot trace but which the type releases on disposal:
        // the type acts as its owner (and a cycle through it is a cycle of releases).
        if (seen.Count == 0 && member.SureReleases.Any() && member.Type is INamedTypeSymbol released)
        {
            seen.Add((released.OriginalDefinition, EdgeKind.Owns));
            yield return (released.OriginalDefinition, EdgeKind.Owns);
        }

        foreach (var handOver in member.Releases.Except(member.SureReleases))
        {
            if (Receiver(handOver) is { } receiver && seen.Add((receiver.OriginalDefinition, EdgeKind.TransfersTo)))
            {
                yield return (receiver.OriginalDefinition, EdgeKind.TransfersTo);
            }
        }
    }

    private static INamedTypeSymbol? CreatedType(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value.Type as INamedTypeSymbol;
    }

    /// <summary>The type a member is handed to: the constructed type, or the type declaring the method that takes it.</summary>
    private static INamedTypeSymbol? Receiver(IOperation release)
    {
        for (var operation = release; operation is not null; operation = operation.Parent)
        {
            switch (operation)
            {
                case IObjectCreationOperation creation:
                    return creation.Type as INamedTypeSymbol;
                case IInvocationOperation invocation:
                    return invocation.TargetMethod.ContainingType;
                case IBlockOperation:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The model's verdict on one member, worded for a reader.</summary>
    internal static MemberFact Describe(TypeOwnership ownership, MemberOwnership member)
    {
        var ownershipText = member.IsOwnedAndBorrowed ? "owned and borrowed"
            : member.IsOwned ? "owned"
            : member.IsBorrowed ? "borrowed"
            : member.SureReleases.Any() ? "released by the type, origin not traced"
            : "origin unknown";
        string release;
        var lost = false;
        if (!member.IsOwned)
        {
            var by = ReleasedBy(member);
            release = member.IsBorrowed
                ? member.SureReleases.Any() ? "released by " + by + ", although the type only borrows it" : "not released here: its owner releases it"
                : member.SureReleases.Any() ? "released by " + by
                : "not followed: the model cannot tell where its value comes from";
        }
        else if (ownership.IsProcessLifetime)
        {
            release = "lives as long as the process (the type's only instance is static)";
        }
        else if (member.IsReleased)
        {
            release = "released by " + ReleasedBy(member);
            if (!member.SureReleases.Any())
            {
                release = "handed on when the type is released (the receiver takes it over)";
            }

            if (member.HasGuardedRelease)
            {
                release += ", when the type owns it (ownership flag or identity test)";
            }
        }
        else if (member.IsReleasedOutsideDisposal)
        {
            release = "released in a lifecycle method (Stop, Close…), not on disposal";
        }
        else if (!ownership.Loses(member))
        {
            release = "released through another object that holds this instance";
        }
        else
        {
            release = "never released: lost when the instance is dropped";
            lost = true;
        }

        return new MemberFact(member.Member.Name, member.Type.ToDisplayString(LabelFormat), ownershipText, release, lost, null);
    }

    private static string ReleasedBy(MemberOwnership member)
    {
        var names = member.ReleasedBy.Select(m => m.Name + "()").Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
        return names.Count > 0 ? string.Join(", ", names) : "its disposal";
    }

    /// <summary>
    /// Every cycle is found once, from the type whose edge closes it (<see cref="Model.Cycles.OwnershipGraph.CyclesClosedBy"/>);
    /// its members are collected for the whole solution and marked on the edges when the graph is built.
    /// </summary>
    private void AddCycles(OwnershipModel model, INamedTypeSymbol type, OwnershipOptions options, CancellationToken cancellationToken)
    {
        foreach (var cycle in model.Graph.CyclesClosedBy(type, options, cancellationToken))
        {
            foreach (var edge in cycle.Edges)
            {
                _cycleMembers.Add((Key(edge.DeclaringType), edge.MemberName));
            }
        }
    }

    private void AddSourceNode(string key, INamedTypeSymbol type, string project, ImmutableArray<MemberFact> members)
    {
        var place = type.Locations.FirstOrDefault(l => l.IsInSource) is { } location ? Place(location) : null;
        var withPlaces = members.Select(m => m with { Place = MemberPlace(type, m.Name) }).ToImmutableArray();
        _nodes[key] = new GraphNode(key, type.ToDisplayString(LabelFormat), type.ToDisplayString(), NodeKind.SourceType, project, place, IsDisposable(type), withPlaces);
    }

    private SourcePlace? MemberPlace(INamedTypeSymbol type, string name)
        => type.GetMembers(name).SelectMany(m => m.Locations).FirstOrDefault(l => l.IsInSource) is { } location ? Place(location) : null;

    private Finding ToFinding(Project project, Compilation compilation, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        string? typeKey = null;
        string? member = null;
        if (diagnostic.Location.IsInSource && diagnostic.Location.SourceTree is { } tree && compilation.ContainsSyntaxTree(tree))
        {
            member = Baseline.MemberAt(tree, diagnostic.Location.SourceSpan.Start);
            var node = tree.GetRoot(cancellationToken).FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node.AncestorsAndSelf().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault() is { } declaration
                && compilation.GetSemanticModel(tree).GetDeclaredSymbol(declaration, cancellationToken) is INamedTypeSymbol type)
            {
                typeKey = Key(type);
            }
        }

        var descriptor = diagnostic.Descriptor;
        return new Finding(
            diagnostic.Id,
            Severity.Name(diagnostic.Severity),
            descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture),
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
            descriptor.HelpLinkUri,
            project.Name,
            diagnostic.Location.IsInSource ? Place(diagnostic.Location) : null,
            diagnostic.AdditionalLocations.Where(l => l.IsInSource).Select(Place).ToImmutableArray(),
            typeKey,
            member,
            diagnostic.IsSuppressed);
    }

    private SourcePlace Place(Location location)
    {
        var span = location.GetLineSpan();
        return new SourcePlace(
            RelativePath(span.Path),
            span.StartLinePosition.Line + 1,
            span.StartLinePosition.Character + 1,
            span.EndLinePosition.Line + 1,
            span.EndLinePosition.Character + 1);
    }

    private string RelativePath(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return path;
        }

        var relative = Path.GetRelativePath(_root, path);
        return (relative.StartsWith("..", StringComparison.Ordinal) ? path : relative).Replace('\\', '/');
    }

    internal static IEnumerable<INamedTypeSymbol> SourceTypes(INamespaceSymbol ns)
    {
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol inner)
            {
                foreach (var type in SourceTypes(inner))
                {
                    yield return type;
                }
            }
            else if (member is INamedTypeSymbol type)
            {
                foreach (var nested in WithNested(type))
                {
                    yield return nested;
                }
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> WithNested(INamedTypeSymbol type)
    {
        if (type.IsImplicitlyDeclared || type.DeclaringSyntaxReferences.Length == 0 || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            yield break;
        }

        yield return type;
        foreach (var nested in type.GetTypeMembers())
        {
            foreach (var inner in WithNested(nested))
            {
                yield return inner;
            }
        }
    }

    private static bool IsDisposable(INamedTypeSymbol type)
        => type.AllInterfaces.Any(i => i.ToDisplayString() is "System.IDisposable" or "System.IAsyncDisposable")
            || type.ToDisplayString() is "System.IDisposable" or "System.IAsyncDisposable";

    /// <summary>One key per type across the solution: a type of another project is the same node there and here.</summary>
    internal static string Key(INamedTypeSymbol type) => (type.ContainingAssembly?.Name ?? "?") + "::" + type.OriginalDefinition.ToDisplayString();
}
