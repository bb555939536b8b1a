using System.Linq;
using System.Text;
using Ownership.Analyzers.Tool.Analysis;

namespace Ownership.Analyzers.Tool.Output;

/// <summary>Findings one per line in the compiler's format (editors and CI logs link them), then the totals by rule.</summary>
internal static class FindingListWriter
{
    public static string Render(ReportGraph graph, bool includeSuppressed)
    {
        var text = new StringBuilder();
        var shown = graph.Findings.Where(f => includeSuppressed || !f.IsSuppressed).ToList();
        foreach (var finding in shown)
        {
            var place = finding.Place is { } p ? $"{p.File}({p.Line},{p.Column})" : finding.Project;
            text.Append(place).Append(": ").Append(finding.Severity).Append(' ').Append(finding.Rule).Append(": ").Append(finding.Message);
            if (finding.IsSuppressed)
            {
                text.Append(" (suppressed)");
            }

            text.Append(" [").Append(finding.Project).Append("]\n");
        }

        var byRule = shown.GroupBy(f => f.Rule).OrderBy(g => g.Key, System.StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
        text.Append(shown.Count).Append(" finding(s)");
        if (shown.Count > 0)
        {
            text.Append(": ").Append(string.Join(", ", byRule));
        }

        return text.Append('\n').ToString();
    }
}
