using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ownership.Analyzers.Benchmarks.Analyzers;

/// <summary>What a suite is in the report: ours, a floor, a peer.</summary>
internal enum SuiteKind
{
    Ours,
    OursIsolated,
    Floor,
    Peer,
}

/// <summary>
/// A set of analyzers measured (or listed) together, with the severities that switch their
/// rules on. A suite that could not be loaded carries the reason instead of analyzers.
/// </summary>
internal sealed class AnalyzerSuite
{
    private AnalyzerSuite(string name, SuiteKind kind, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableDictionary<string, ReportDiagnostic> severities, string? unavailableReason)
    {
        Name = name;
        Kind = kind;
        Analyzers = analyzers;
        Severities = severities;
        UnavailableReason = unavailableReason;
    }

    public string Name { get; }

    public SuiteKind Kind { get; }

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    /// <summary>Specific diagnostic options applied to the compilation the suite runs on.</summary>
    public ImmutableDictionary<string, ReportDiagnostic> Severities { get; }

    public string? UnavailableReason { get; }

    public bool IsAvailable => UnavailableReason is null;

    public static AnalyzerSuite Create(string name, SuiteKind kind, IEnumerable<DiagnosticAnalyzer> analyzers, ImmutableDictionary<string, ReportDiagnostic>? severities = null)
        => new(name, kind, analyzers.ToImmutableArray(), severities ?? ImmutableDictionary<string, ReportDiagnostic>.Empty, null);

    public static AnalyzerSuite Unavailable(string name, string reason)
        => new(name, SuiteKind.Peer, ImmutableArray<DiagnosticAnalyzer>.Empty, ImmutableDictionary<string, ReportDiagnostic>.Empty, reason);

    /// <summary>
    /// Every non-abstract <see cref="DiagnosticAnalyzer"/> of the Ownership.Analyzers assembly,
    /// sorted by name; each of its rules switched on at its default severity (or warning when a rule
    /// is off by default) so that a listing shows everything the package can say.
    /// </summary>
    public static AnalyzerSuite Ours()
    {
        var analyzers = OurAnalyzerTypes().Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!).ToArray();
        return Create("Ownership (all rules)", SuiteKind.Ours, analyzers, SwitchOn(analyzers));
    }

    /// <summary>One suite per rule of ours, each alone (a rule of a family runs without the others), so the shared model is paid by it.</summary>
    public static IEnumerable<AnalyzerSuite> OursOneByOne()
    {
        foreach (var type in OurRuleTypes())
        {
            var analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(type)!;
            yield return Create($"{RuleLabel(analyzer)} alone", SuiteKind.OursIsolated, new[] { analyzer }, SwitchOn(new[] { analyzer }));
        }
    }

    /// <summary>The rule ids an analyzer reports, for labels: "OWN101", "OWN101+OWN102", "IDISP011+IDISP012+IDISP013+…".</summary>
    public static string RuleLabel(DiagnosticAnalyzer analyzer)
    {
        var ids = analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToArray();
        return ids.Length switch
        {
            0 => analyzer.GetType().Name,
            <= 3 => string.Join("+", ids),
            _ => string.Join("+", ids.Take(3)) + "+…",
        };
    }

    public static Assembly OurAssembly => typeof(RuleIdentifiers).Assembly;

    private static IEnumerable<Type> OurAnalyzerTypes()
        => LoadableTypes(OurAssembly)
            .Where(type => type is { IsAbstract: false, IsClass: true } && typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && type.GetConstructor(Type.EmptyTypes) is not null
                && type.IsDefined(typeof(DiagnosticAnalyzerAttribute), inherit: false))
            .OrderBy(type => type.Name, StringComparer.Ordinal);

    /// <summary>Every rule class, registered or not (a rule of a merged family can run alone): one per rule id.</summary>
    private static IEnumerable<Type> OurRuleTypes()
        => LoadableTypes(OurAssembly)
            .Where(type => type is { IsAbstract: false, IsClass: true } && typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && type.GetConstructor(Type.EmptyTypes) is not null
                && type.Name.StartsWith("OWN", StringComparison.Ordinal))
            .OrderBy(type => type.Name, StringComparer.Ordinal);

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.Where(type => type is not null)!;
        }
    }

    /// <summary>Specific options that make sure every supported rule reports, at least as a warning when off by default.</summary>
    public static ImmutableDictionary<string, ReportDiagnostic> SwitchOn(IEnumerable<DiagnosticAnalyzer> analyzers)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, ReportDiagnostic>(StringComparer.Ordinal);
        foreach (var descriptor in analyzers.SelectMany(a => a.SupportedDiagnostics))
        {
            if (!descriptor.IsEnabledByDefault)
            {
                builder[descriptor.Id] = ReportDiagnostic.Warn;
            }
        }

        return builder.ToImmutable();
    }
}
