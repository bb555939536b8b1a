using System.Text.RegularExpressions;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Meta;

/// <summary>What every rule must ship with: a well-formed descriptor, a doc page, release notes, a fix that matches it.</summary>
public class DescriptorTests
{
    private static readonly string RepoRoot = FindRepoRoot();

    public static IEnumerable<object[]> Ids() => AllAnalyzers.Descriptors.Select(d => new object[] { d.Id });

    [Fact]
    public void There_are_analyzers_and_ids_are_unique()
    {
        Assert.NotEmpty(AllAnalyzers.Analyzers);
        var ids = AllAnalyzers.Descriptors.Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_is_complete(string id)
    {
        var descriptor = AllAnalyzers.Descriptors.Single(d => d.Id == id);
        Assert.Matches(new Regex(@"^OWN\d{3}$"), descriptor.Id);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString()));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
        Assert.StartsWith("Ownership.", descriptor.Category);
        Assert.Equal(Analyzers.Descriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Help_link_resolves_to_a_doc_page_that_carries_the_title(string id)
    {
        var descriptor = AllAnalyzers.Descriptors.Single(d => d.Id == id);
        var relative = descriptor.HelpLinkUri.Substring(Analyzers.Descriptors.HelpLinkBase.Length);
        var page = Path.Combine(RepoRoot, "docs", "rules", relative);
        Assert.True(File.Exists(page), $"missing {page}");
        var firstLine = File.ReadLines(page).First();
        Assert.Equal($"# {id}: {descriptor.Title}", firstLine);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Id_is_in_the_release_files_with_its_category_and_severity(string id)
    {
        var descriptor = AllAnalyzers.Descriptors.Single(d => d.Id == id);
        var releases = File.ReadAllText(Path.Combine(RepoRoot, "src", "Ownership.Analyzers", "AnalyzerReleases.Unshipped.md"))
            + File.ReadAllText(Path.Combine(RepoRoot, "src", "Ownership.Analyzers", "AnalyzerReleases.Shipped.md"));
        var line = releases.Split('\n').SingleOrDefault(l => l.StartsWith(id + " ", StringComparison.Ordinal));
        Assert.NotNull(line);
        Assert.Contains(descriptor.Category, line);
        Assert.Contains(descriptor.DefaultSeverity.ToString(), line);
    }

    [Fact]
    public void Every_code_fix_fixes_a_known_rule_and_has_fix_all()
    {
        Assert.NotEmpty(AllAnalyzers.CodeFixes);
        var ids = AllAnalyzers.Descriptors.Select(d => d.Id).ToHashSet();
        foreach (var fix in AllAnalyzers.CodeFixes)
        {
            Assert.All(fix.FixableDiagnosticIds, id => Assert.Contains(id, ids));
            Assert.NotNull(fix.GetFixAllProvider());
        }
    }

    [Fact]
    public void Docs_index_lists_every_rule()
    {
        var index = File.ReadAllText(Path.Combine(RepoRoot, "docs", "README.md"));
        Assert.All(AllAnalyzers.Descriptors, d => Assert.Contains($"rules/{d.Id}.md", index));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Configuration_page_gives_the_default_severity(string id)
    {
        var descriptor = AllAnalyzers.Descriptors.Single(d => d.Id == id);
        var page = File.ReadAllLines(Path.Combine(RepoRoot, "docs", "configuration.md"));
        Assert.Contains($"| [{id}](rules/{id}.md) | {descriptor.DefaultSeverity} |", page);
    }

    internal static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Analyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
