using System.Collections.Immutable;
using System.Text.Json;
using Ownership.Analyzers.Tool.Analysis;
using Ownership.Analyzers.Tool.Output;

namespace Ownership.Analyzers.Tool.Tests;

/// <summary>The report's text formats, from one small graph with an owned, a lost and a borrowed member.</summary>
public class OutputFormatTests
{
    private const string Source = """
        using System;
        using System.IO;
        public sealed class Archive : IDisposable
        {
            private readonly FileStream _file = new FileStream("a.zip", FileMode.Open);
            private readonly StreamWriter _log = new StreamWriter("log.txt");
            private readonly Stream _input;
            public Archive(Stream input) => _input = input;
            public void Dispose() => _file.Dispose();
        }
        """;

    [Fact]
    public async Task MermaidDrawsOwnsAsSolidAndBorrowsAsDashedEdgesAndFlagsTheLosingType()
    {
        var text = GraphTextWriter.Mermaid(await InMemoryProject.AnalyzeAsync(Source));

        Assert.StartsWith("flowchart LR\n", text, StringComparison.Ordinal);
        Assert.Contains("[\"Archive (1 finding)\"]", text, StringComparison.Ordinal);
        Assert.Contains("([\"FileStream\"])", text, StringComparison.Ordinal);
        Assert.Matches(@"n\d+ -->\|""owns _file""\| n\d+", text);
        Assert.Matches(@"n\d+ -->\|""owns _log""\| n\d+", text);
        Assert.Matches(@"n\d+ -\.->\|""borrows _input""\| n\d+", text);
        Assert.Matches(@"class n\d+ lost", text);
    }

    [Fact]
    public async Task DotHasOneStatementPerNodeAndEdge()
    {
        var graph = await InMemoryProject.AnalyzeAsync(Source);
        var text = GraphTextWriter.Dot(graph);

        Assert.StartsWith("digraph ownership {", text, StringComparison.Ordinal);
        Assert.Equal(graph.Edges.Length, text.Split('\n').Count(l => l.Contains(" -> ", StringComparison.Ordinal)));
        Assert.Contains("\"Sample::Archive\" -> \"System.Private.CoreLib::System.IO.Stream\" [label=\"borrows _input\", style=dashed", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SarifHasTheRuleTableAndOneResultPerFinding()
    {
        var graph = await InMemoryProject.AnalyzeAsync(Source);
        using var sarif = JsonDocument.Parse(SarifWriter.Render(graph, "1.2.3"));

        var run = sarif.RootElement.GetProperty("runs")[0];
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(graph.Rules.Length, rules.Count);
        Assert.All(rules, r => Assert.StartsWith("https://", r.GetProperty("helpUri").GetString(), StringComparison.Ordinal));
        var result = Assert.Single(run.GetProperty("results").EnumerateArray());
        Assert.Equal("OWN202", result.GetProperty("ruleId").GetString());
        Assert.Equal("OWN202", rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("Sample.cs", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("SRCROOT", location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.Equal(6, location.GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [Fact]
    public async Task HtmlEmbedsTheLibrariesAndTheDataAndEscapesMarkupInMessages()
    {
        var graph = await InMemoryProject.AnalyzeAsync(Source);
        var hostile = graph with { Findings = graph.Findings.Select(f => f with { Message = "</script><b>x</b>" }).ToImmutableArray() };
        var page = HtmlReportWriter.Render(hostile, "today");

        Assert.DoesNotContain("/*OWNERSHIP_", page, StringComparison.Ordinal);
        Assert.Contains("cytoscape", page, StringComparison.Ordinal);
        Assert.Contains("cytoscapeDagre", page, StringComparison.Ordinal);
        Assert.DoesNotContain("</script><b>", page, StringComparison.Ordinal);
        Assert.Equal(3, page.Split("</script>").Length - 1);
        Assert.DoesNotContain("src=\"http", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPrintsCompilerStyleLinesAndTotals()
    {
        var text = FindingListWriter.Render(await InMemoryProject.AnalyzeAsync(Source), includeSuppressed: false);

        Assert.Matches(@"^Sample\.cs\(6,\d+\): info OWN202: .*'_log'.* \[Sample\]\n1 finding\(s\): OWN202 1\n$", text);
    }
}
