using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Meta;

/// <summary>
/// The examples on the rule pages are what users copy: a page's non-compliant code must raise its
/// rule, and its compliant code must not. Blocks that need packages the tests do not reference
/// (NUnit, Microsoft.Extensions) do not compile alone and are skipped; every page must have at
/// least one block that compiles.
/// </summary>
public class DocExampleTests
{
    private static readonly string RulesFolder = Path.Combine(DescriptorTests.FindRepoRoot(), "docs", "rules");

    /// <summary>
    /// Pages whose examples are excerpts (types elided, or iOS types the tests do not reference):
    /// they are still checked block by block when a block compiles. This list should only shrink.
    /// </summary>
    private static readonly HashSet<string> Excerpts = new(StringComparer.Ordinal)
    {
        "OWN401", "OWN402", "OWN403", "OWN404", "OWN406", "OWN407",
    };

    /// <summary>Pages whose examples are configuration (.editorconfig, the baseline file), not code; BaselineTests covers OWN002.</summary>
    private static readonly HashSet<string> ConfigurationPages = new(StringComparer.Ordinal) { "OWN001", "OWN002" };

    public static TheoryData<string> Pages()
    {
        var data = new TheoryData<string>();
        foreach (var page in Directory.GetFiles(RulesFolder, "OWN*.md").OrderBy(p => p, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(page));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Examples_raise_the_rule_only_where_the_page_says(string id)
    {
        var text = File.ReadAllText(Path.Combine(RulesFolder, id + ".md"));
        var compiled = 0;
        foreach (var block in Blocks(Section(text, "## Non-compliant code")))
        {
            if (await ReportsAsync(block, id) is { } reported)
            {
                compiled++;
                Assert.True(reported > 0, $"{id}: a non-compliant example raises no {id}:\n{block}");
            }
        }

        foreach (var block in Blocks(Section(text, "## Compliant code")))
        {
            // Compliant code raises nothing of the package, except on a line that says so (`// OWN101`).
            if (await UnannotatedFindingsAsync(block) is { } findings)
            {
                compiled++;
                Assert.True(findings.Count == 0, $"{id}: a compliant example raises {string.Join(", ", findings)}:\n{block}");
            }
        }

        if (!Excerpts.Contains(id) && !ConfigurationPages.Contains(id))
        {
            Assert.True(compiled > 0, $"{id}: no example on the page compiles on its own");
        }
    }

    /// <summary>How many times the block raises the rule; null when it does not compile alone.</summary>
    private static async Task<int?> ReportsAsync(string block, string id)
    {
        var compilation = await AllAnalyzers.CompileAsync(new[] { block });
        compilation = compilation.WithOptions(compilation.Options.WithAllowUnsafe(true));
        if (compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return null;
        }

        var (diagnostics, exceptions) = await AllAnalyzers.RunAsync(compilation);
        Assert.Empty(exceptions);
        return diagnostics.Count(d => d.Id == id);
    }

    /// <summary>Findings on lines without a <c>// OWNnnn</c> comment; null when the block does not compile alone.</summary>
    private static async Task<List<string>?> UnannotatedFindingsAsync(string block)
    {
        var compilation = await AllAnalyzers.CompileAsync(new[] { block });
        compilation = compilation.WithOptions(compilation.Options.WithAllowUnsafe(true));
        if (compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return null;
        }

        var (diagnostics, exceptions) = await AllAnalyzers.RunAsync(compilation);
        Assert.Empty(exceptions);
        var lines = block.Split('\n');
        return diagnostics
            .Where(d => d.Id.StartsWith("OWN", StringComparison.Ordinal))
            .Where(d => !lines[d.Location.GetLineSpan().StartLinePosition.Line].Contains("// " + d.Id, StringComparison.Ordinal))
            .Select(d => $"{d.Id} at line {d.Location.GetLineSpan().StartLinePosition.Line + 1}")
            .ToList();
    }

    private static string Section(string page, string heading)
    {
        var start = page.IndexOf(heading, StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        var end = page.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? page.Substring(start) : page.Substring(start, end - start);
    }

    private static IEnumerable<string> Blocks(string section)
        => Regex.Matches(section, "```csharp\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value);
}
