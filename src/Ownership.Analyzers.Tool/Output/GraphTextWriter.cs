using System.Collections.Generic;
using System.Linq;
using System.Text;
using Ownership.Analyzers.Tool.Analysis;

namespace Ownership.Analyzers.Tool.Output;

/// <summary>The graph as text for docs and pull requests: Mermaid flowcharts and Graphviz DOT.</summary>
internal static class GraphTextWriter
{
    public static string Mermaid(ReportGraph graph)
    {
        var ids = Ids(graph);
        var text = new StringBuilder("flowchart LR\n");
        foreach (var node in graph.Nodes)
        {
            var label = MermaidText(node.Label + Badge(graph, node));
            text.Append("  ").Append(ids[node.Id]).Append(node.Kind == NodeKind.Resource ? "([\"" : "[\"").Append(label).Append(node.Kind == NodeKind.Resource ? "\"])" : "\"]").Append('\n');
        }

        var cycleLinks = new List<int>();
        var link = 0;
        foreach (var edge in graph.Edges)
        {
            var arrow = edge.Kind switch
            {
                EdgeKind.Owns => "-->",
                EdgeKind.Borrows => "-.->",
                _ => "==>",
            };
            text.Append("  ").Append(ids[edge.From]).Append(' ').Append(arrow).Append("|\"").Append(MermaidText(Verb(edge) + " " + edge.Member)).Append("\"| ").Append(ids[edge.To]).Append('\n');
            if (edge.InCycle)
            {
                cycleLinks.Add(link);
            }

            link++;
        }

        text.Append("  classDef resource fill:#f3f4f6,stroke:#6b7280,font-style:italic\n");
        text.Append("  classDef lost stroke:#dc2626,stroke-width:3px\n");
        AppendClass(text, "resource", graph.Nodes.Where(n => n.Kind == NodeKind.Resource).Select(n => ids[n.Id]));
        AppendClass(text, "lost", graph.Nodes.Where(n => HasFindings(graph, n) || n.Members.Any(m => m.IsLost)).Select(n => ids[n.Id]));
        if (cycleLinks.Count > 0)
        {
            text.Append("  linkStyle ").Append(string.Join(",", cycleLinks)).Append(" stroke:#dc2626,stroke-width:3px\n");
        }

        return text.ToString();
    }

    public static string Dot(ReportGraph graph)
    {
        var text = new StringBuilder("digraph ownership {\n");
        text.Append("  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", fillcolor=\"#dbeafe\", color=\"#2563eb\", fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
        foreach (var node in graph.Nodes)
        {
            text.Append("  ").Append(DotText(node.Id)).Append(" [label=").Append(DotText(node.Label + Badge(graph, node)));
            if (node.Kind == NodeKind.Resource)
            {
                text.Append(", shape=ellipse, fillcolor=\"#f3f4f6\", color=\"#6b7280\"");
            }

            if (HasFindings(graph, node) || node.Members.Any(m => m.IsLost))
            {
                text.Append(", color=\"#dc2626\", penwidth=2");
            }

            text.Append("];\n");
        }

        foreach (var edge in graph.Edges)
        {
            text.Append("  ").Append(DotText(edge.From)).Append(" -> ").Append(DotText(edge.To)).Append(" [label=").Append(DotText(Verb(edge) + " " + edge.Member));
            text.Append(edge.Kind switch
            {
                EdgeKind.Borrows => ", style=dashed, color=\"#6b7280\"",
                EdgeKind.TransfersTo => ", style=dotted, color=\"#16a34a\"",
                _ => ", color=\"#2563eb\"",
            });
            if (edge.InCycle)
            {
                text.Append(", color=\"#dc2626\", penwidth=3");
            }

            text.Append("];\n");
        }

        return text.Append("}\n").ToString();
    }

    internal static string Verb(GraphEdge edge) => edge.Kind switch
    {
        EdgeKind.Owns => "owns",
        EdgeKind.Borrows => "borrows",
        _ => "transfers",
    };

    private static bool HasFindings(ReportGraph graph, GraphNode node) => graph.Findings.Any(f => f.TypeKey == node.Id && !f.IsSuppressed);

    private static string Badge(ReportGraph graph, GraphNode node)
    {
        var count = graph.Findings.Count(f => f.TypeKey == node.Id && !f.IsSuppressed);
        return count > 0 ? $" ({count} finding{(count == 1 ? string.Empty : "s")})" : string.Empty;
    }

    private static void AppendClass(StringBuilder text, string name, IEnumerable<string> ids)
    {
        var list = ids.ToList();
        if (list.Count > 0)
        {
            text.Append("  class ").Append(string.Join(",", list)).Append(' ').Append(name).Append('\n');
        }
    }

    private static Dictionary<string, string> Ids(ReportGraph graph)
        => graph.Nodes.Select((n, i) => (n.Id, i)).ToDictionary(p => p.Id, p => "n" + p.i);

    /// <summary>Mermaid labels are HTML: quotes and angle brackets (generic types) become entities.</summary>
    private static string MermaidText(string text)
        => text.Replace("\"", "#quot;").Replace("<", "#lt;").Replace(">", "#gt;");

    private static string DotText(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
