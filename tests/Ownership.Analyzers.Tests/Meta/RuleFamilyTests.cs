using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Rules;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Meta;

/// <summary>Every rule reaches hosts exactly once: through its family analyzer, or registered on its own.</summary>
public class RuleFamilyTests
{
    private static readonly Type[] RuleTypes = typeof(RuleIdentifiers).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.Name.StartsWith("OWN", StringComparison.Ordinal))
        .ToArray();

    [Fact]
    public void Every_rule_of_a_family_is_in_its_family_and_not_registered_alone()
    {
        var methodRules = MethodOwnershipRulesAnalyzer.Rules.Select(r => r.GetType()).ToHashSet();
        var typeRules = TypeOwnershipRulesAnalyzer.Rules.Select(r => r.GetType()).ToHashSet();
        foreach (var type in RuleTypes)
        {
            var registered = type.IsDefined(typeof(DiagnosticAnalyzerAttribute), inherit: false);
            if (typeof(MethodOwnershipAnalyzer).IsAssignableFrom(type))
            {
                Assert.True(methodRules.Contains(type) && !registered, type.Name);
            }
            else if (typeof(ITypeEndRule).IsAssignableFrom(type))
            {
                Assert.True(typeRules.Contains(type) && !registered, type.Name);
            }
            else
            {
                Assert.True(registered, type.Name);
            }
        }
    }

    [Fact]
    public void Every_descriptor_is_reported_by_exactly_one_loaded_analyzer()
    {
        var ids = AllAnalyzers.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        // 32 catalog rules, OWN001 (options) and OWN002 (stale baseline entries).
        Assert.Equal(34, ids.Count);
    }

    [Fact]
    public Task Severity_stays_per_rule_inside_a_family() => Verify<MethodOwnershipRulesAnalyzer>.Diagnostics("""
        using System.IO;
        class C
        {
            long Kept(string path) { var s = File.OpenRead(path); return s.Length; }
            long Dropped(string path) => {|OWN102:File.OpenRead(path)|}.Length;
        }
        """, "dotnet_diagnostic.OWN101.severity = none\ndotnet_diagnostic.OWN103.severity = none\n");

    [Fact]
    public void Every_diagnostic_has_at_most_one_code_fix_provider()
    {
        // OWN303's two fixes apply to exclusive shapes (an un-awaited task, a deferred query): one at most offers itself.
        var ids = AllAnalyzers.CodeFixes.SelectMany(fix => fix.FixableDiagnosticIds).Where(id => id != "OWN303").ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }
}
