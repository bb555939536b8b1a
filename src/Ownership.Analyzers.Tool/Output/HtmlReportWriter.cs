using System;
using System.IO;
using System.Reflection;
using System.Text;
using Ownership.Analyzers.Tool.Analysis;

namespace Ownership.Analyzers.Tool.Output;

/// <summary>
/// One self-contained HTML page: the page's script and style, the graph libraries (cytoscape.js and
/// its dagre layered layout, embedded into the tool at build time from npm) and the report's data,
/// all inline, so the file works offline, opened from disk.
/// </summary>
internal static class HtmlReportWriter
{
    private const string Prefix = "Ownership.Analyzers.Tool.Report.";

    public static string Render(ReportGraph graph, string generated)
    {
        var page = Resource("report.html");
        var libraries = new StringBuilder()
            .Append(Script("cytoscape.min.js")).Append('\n')
            .Append(Script("cytoscape-dagre.min.js"))
            .ToString();
        return page
            .Replace("/*OWNERSHIP_CSS*/", Resource("report.css"), StringComparison.Ordinal)
            .Replace("/*OWNERSHIP_LIBRARIES*/", libraries, StringComparison.Ordinal)
            .Replace("/*OWNERSHIP_DATA*/null", ReportJson.Serialize(graph, generated), StringComparison.Ordinal)
            .Replace("/*OWNERSHIP_APP*/", Script("report.js"), StringComparison.Ordinal);
    }

    /// <summary>Script text safe inside a script element: a closing tag inside a string literal would end it early.</summary>
    private static string Script(string name) => Resource(name).Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Prefix + name)
            ?? throw new InvalidOperationException($"The tool was built without its page resource {name} (its build runs npm ci in Report/: see docs/report.md).");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
