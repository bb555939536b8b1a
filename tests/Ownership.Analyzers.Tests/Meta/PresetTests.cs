using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Meta;

/// <summary>
/// The OwnershipAnalysisMode presets name every rule, so a new rule cannot slip through one
/// with no decision; .ci/check-package.sh builds a consumer with each and checks the result.
/// </summary>
public class PresetTests
{
    private static readonly string ConfigDirectory = Path.Combine(
        DescriptorTests.FindRepoRoot(), "src", "Ownership.Analyzers.Package", "build", "config");

    public static IEnumerable<object[]> Presets() => new[] { "strict", "minimum", "none" }.Select(p => new object[] { p });

    [Theory]
    [MemberData(nameof(Presets))]
    public void Preset_is_a_global_config_that_names_every_rule_once(string preset)
    {
        var lines = File.ReadAllLines(Path.Combine(ConfigDirectory, $"ownership.{preset}.globalconfig"));
        Assert.Contains("is_global = true", lines);
        var severities = Severities(lines);
        Assert.Equal(
            AllAnalyzers.Descriptors.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal),
            severities.Select(s => s.Id).OrderBy(id => id, StringComparer.Ordinal));
    }

    [Fact]
    public void Strict_makes_every_rule_a_warning() =>
        Assert.All(Severities(Read("strict")), s => Assert.Equal("warning", s.Severity));

    [Fact]
    public void None_turns_every_rule_off() =>
        Assert.All(Severities(Read("none")), s => Assert.Equal("none", s.Severity));

    [Fact]
    public void Minimum_keeps_rules_at_their_default_or_turns_them_off()
    {
        var severities = Severities(Read("minimum"));
        foreach (var (id, severity) in severities)
        {
            var descriptor = AllAnalyzers.Descriptors.Single(d => d.Id == id);
            Assert.True(severity == "none" || severity == Editorconfig(descriptor.DefaultSeverity), $"{id} = {severity}");
        }

        // A mistyped option is worth knowing in every preset that runs rules at all.
        Assert.Contains(severities, s => s.Id == "OWN001" && s.Severity == "warning");
        Assert.Contains(severities, s => s.Id == "OWN101" && s.Severity == "none");
    }

    private static string[] Read(string preset) => File.ReadAllLines(Path.Combine(ConfigDirectory, $"ownership.{preset}.globalconfig"));

    private static List<(string Id, string Severity)> Severities(IEnumerable<string> lines) => lines
        .Select(l => Regex.Match(l, @"^dotnet_diagnostic\.(OWN\d{3})\.severity = (\w+)$"))
        .Where(m => m.Success)
        .Select(m => (m.Groups[1].Value, m.Groups[2].Value))
        .ToList();

    private static string Editorconfig(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Info => "suggestion",
        DiagnosticSeverity.Hidden => "silent",
        _ => severity.ToString().ToLowerInvariant(),
    };
}
