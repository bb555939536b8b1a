using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Rules;

namespace Ownership.Analyzers.Tool.Analysis;

/// <summary>
/// The package's analyzers and suppressors, found the way the compiler finds them: every concrete
/// type of the analyzer assembly carrying <see cref="DiagnosticAnalyzerAttribute"/>.
/// </summary>
internal static class AnalyzerSet
{
    public static ImmutableArray<DiagnosticAnalyzer> Create(bool withSuppressors)
        => typeof(MethodOwnershipRulesAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Where(t => withSuppressors || !typeof(DiagnosticSuppressor).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    public static ImmutableArray<RuleInfo> Rules(ImmutableArray<DiagnosticAnalyzer> analyzers)
        => analyzers
            .SelectMany(a => a.SupportedDiagnostics)
            .Where(d => d.Id.StartsWith("OWN", StringComparison.Ordinal))
            .GroupBy(d => d.Id, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => new RuleInfo(
                d.Id,
                d.Title.ToString(System.Globalization.CultureInfo.InvariantCulture),
                d.Description.ToString(System.Globalization.CultureInfo.InvariantCulture),
                d.HelpLinkUri,
                Severity.Name(d.DefaultSeverity)))
            .ToImmutableArray();
}
