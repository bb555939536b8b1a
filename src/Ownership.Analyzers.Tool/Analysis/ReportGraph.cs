using System.Collections.Immutable;

namespace Ownership.Analyzers.Tool.Analysis;

internal enum NodeKind
{
    /// <summary>A type declared in the analysed source: an owner the model summarised.</summary>
    SourceType,

    /// <summary>A type from a reference (FileStream, Timer…): a resource owned or borrowed by source types.</summary>
    Resource,
}

internal enum EdgeKind
{
    /// <summary>The type stores a value it created: it owns the member.</summary>
    Owns,

    /// <summary>The type stores a value it did not create: it only borrows it.</summary>
    Borrows,

    /// <summary>The type hands what it holds to another type's member or method, which releases it.</summary>
    TransfersTo,
}

/// <summary>What a type does with one resource member, in the model's words.</summary>
/// <param name="Ownership">owned, borrowed, owned and borrowed.</param>
/// <param name="Release">How the type releases it (or why it need not).</param>
/// <param name="IsLost">The model shows it owned and never released.</param>
internal sealed record MemberFact(string Name, string TypeName, string Ownership, string Release, bool IsLost, SourcePlace? Place);

internal sealed record GraphNode(
    string Id,
    string Label,
    string FullName,
    NodeKind Kind,
    string? Project,
    SourcePlace? Place,
    bool IsDisposable,
    ImmutableArray<MemberFact> Members);

/// <summary>An edge of the report: <paramref name="From"/> owns, borrows or transfers to <paramref name="To"/> through <paramref name="Member"/>.</summary>
internal sealed record GraphEdge(string From, string To, EdgeKind Kind, string Member, bool InCycle);

/// <summary>The whole picture: nodes, edges, findings, and what could not be loaded.</summary>
internal sealed record ReportGraph(
    string Root,
    ImmutableArray<string> Projects,
    ImmutableArray<GraphNode> Nodes,
    ImmutableArray<GraphEdge> Edges,
    ImmutableArray<Finding> Findings,
    ImmutableArray<RuleInfo> Rules,
    ImmutableArray<string> Problems);
