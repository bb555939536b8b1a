using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Ownership.Analyzers.Tool.Analysis;

namespace Ownership.Analyzers.Tool.Output;

/// <summary>SARIF 2.1.0: one run, the rule table with help URIs, one result per finding (suppressed ones carry a suppression).</summary>
internal static class SarifWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    public static string Render(ReportGraph graph, string toolVersion)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, graph, toolVersion);
            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject("SRCROOT");
            json.WriteString("uri", new System.Uri(Path.GetFullPath(graph.Root).TrimEnd('/', '\\') + Path.DirectorySeparatorChar).AbsoluteUri);
            json.WriteEndObject();
            json.WriteEndObject();
            WriteResults(json, graph);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteTool(Utf8JsonWriter json, ReportGraph graph, string toolVersion)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "Ownership.Analyzers");
        json.WriteString("version", toolVersion);
        json.WriteString("informationUri", "https://github.com/ownership-analyzers/ownership-analyzers");
        json.WriteStartArray("rules");
        foreach (var rule in graph.Rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Title);
            json.WriteEndObject();
            if (rule.Description.Length > 0)
            {
                json.WriteStartObject("fullDescription");
                json.WriteString("text", rule.Description);
                json.WriteEndObject();
            }

            json.WriteString("helpUri", rule.HelpUri);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Severity.SarifLevel(rule.DefaultSeverity));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResults(Utf8JsonWriter json, ReportGraph graph)
    {
        var ruleIndex = graph.Rules.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i);
        json.WriteStartArray("results");
        foreach (var finding in graph.Findings)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", finding.Rule);
            if (ruleIndex.TryGetValue(finding.Rule, out var index))
            {
                json.WriteNumber("ruleIndex", index);
            }

            json.WriteString("level", Severity.SarifLevel(finding.Severity));
            json.WriteStartObject("message");
            json.WriteString("text", finding.Message);
            json.WriteEndObject();
            if (finding.Place is { } place)
            {
                json.WriteStartArray("locations");
                WriteLocation(json, place, finding.Member);
                json.WriteEndArray();
            }

            if (!finding.RelatedPlaces.IsEmpty)
            {
                json.WriteStartArray("relatedLocations");
                var id = 1;
                foreach (var related in finding.RelatedPlaces)
                {
                    WriteLocation(json, related, member: null, id++);
                }

                json.WriteEndArray();
            }

            if (finding.IsSuppressed)
            {
                json.WriteStartArray("suppressions");
                json.WriteStartObject();
                json.WriteString("kind", "inSource");
                json.WriteEndObject();
                json.WriteEndArray();
            }

            json.WriteStartObject("properties");
            json.WriteString("project", finding.Project);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteLocation(Utf8JsonWriter json, SourcePlace place, string? member, int? id = null)
    {
        json.WriteStartObject();
        if (id is { } value)
        {
            json.WriteNumber("id", value);
        }

        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", Uri(place.File));
        if (!Path.IsPathRooted(place.File))
        {
            json.WriteString("uriBaseId", "SRCROOT");
        }

        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", place.Line);
        json.WriteNumber("startColumn", place.Column);
        json.WriteNumber("endLine", place.EndLine);
        json.WriteNumber("endColumn", place.EndColumn);
        json.WriteEndObject();
        json.WriteEndObject();
        if (member is not null)
        {
            json.WriteStartArray("logicalLocations");
            json.WriteStartObject();
            json.WriteString("fullyQualifiedName", member);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static string Uri(string file)
        => Path.IsPathRooted(file)
            ? new System.Uri(file).AbsoluteUri
            : string.Join("/", file.Split('/').Select(System.Uri.EscapeDataString));
}
