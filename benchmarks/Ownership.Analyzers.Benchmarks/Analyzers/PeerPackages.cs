using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ownership.Analyzers.Benchmarks.Analyzers;

/// <summary>
/// The peers measured beside ours, loaded from the analyzer DLLs of their NuGet packages (the
/// benchmark project downloads them with PackageDownload; keep the versions here in step).
/// </summary>
internal static class PeerPackages
{
    private sealed record Peer(string Label, string PackageId, string Version, string[] AnalyzerDlls, string[]? OnlyRules);

    private static readonly Peer[] All =
    {
        new("IDisposableAnalyzers", "IDisposableAnalyzers", "4.0.8", new[] { "IDisposableAnalyzers.dll" }, OnlyRules: null),
        new(
            ".NET analyzers (CA2000, CA2213, CA1001)",
            "Microsoft.CodeAnalysis.NetAnalyzers",
            "8.0.0",
            new[] { "Microsoft.CodeAnalysis.NetAnalyzers.dll", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll" },
            OnlyRules: new[] { "CA2000", "CA2213", "CA1001" }),
    };

    /// <summary>One suite per peer; a peer that cannot be found or loaded is an unavailable suite saying why.</summary>
    public static IReadOnlyList<AnalyzerSuite> Load()
        => All.Select(LoadOne).ToArray();

    private static AnalyzerSuite LoadOne(Peer peer)
    {
        var label = $"{peer.Label} {peer.Version}";
        var root = NuGetPackageRoot();
        if (root is null)
        {
            return AnalyzerSuite.Unavailable(label, "no NuGet packages folder found (NuGetPackageRoot, NUGET_PACKAGES, ~/.nuget/packages)");
        }

        var folder = Path.Combine(root, peer.PackageId.ToLowerInvariant(), peer.Version, "analyzers", "dotnet", "cs");
        var paths = peer.AnalyzerDlls.Select(dll => Path.Combine(folder, dll)).ToArray();
        var missing = paths.FirstOrDefault(path => !File.Exists(path));
        if (missing is not null)
        {
            return AnalyzerSuite.Unavailable(label, $"{missing} not found: restore the benchmark project (its PackageDownload items fetch {peer.PackageId} {peer.Version})");
        }

        var loader = new IsolatedAnalyzerLoader(peer.PackageId);
        var failures = new List<string>();
        var analyzers = new List<DiagnosticAnalyzer>();
        foreach (var path in paths)
        {
            loader.AddDependencyLocation(path);
        }

        foreach (var path in paths)
        {
            var reference = new AnalyzerFileReference(path, loader);
            reference.AnalyzerLoadFailed += (_, e) => failures.Add($"{Path.GetFileName(path)}: {e.ErrorCode} {e.TypeName} {e.Message}");
            analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
        }

        IEnumerable<DiagnosticAnalyzer> chosen = analyzers;
        var severities = ImmutableDictionary<string, ReportDiagnostic>.Empty;
        if (peer.OnlyRules is { } rules)
        {
            chosen = analyzers.Where(a => SupportedIds(a, failures).Overlaps(rules));
            severities = rules.ToImmutableDictionary(id => id, _ => ReportDiagnostic.Warn);
        }

        var list = chosen.ToArray();
        if (list.Length == 0)
        {
            var why = failures.Count > 0 ? string.Join("; ", failures.Take(3)) : "the package yielded no C# analyzer";
            return AnalyzerSuite.Unavailable(label, why);
        }

        if (peer.OnlyRules is { } wanted && wanted.Except(list.SelectMany(a => SupportedIds(a, failures))).ToArray() is { Length: > 0 } absent)
        {
            return AnalyzerSuite.Unavailable(label, $"no analyzer for {string.Join(", ", absent)}" + (failures.Count > 0 ? ": " + failures[0] : string.Empty));
        }

        return AnalyzerSuite.Create(label, SuiteKind.Peer, list, severities);
    }

    private static HashSet<string> SupportedIds(DiagnosticAnalyzer analyzer, List<string> failures)
    {
        try
        {
            return analyzer.SupportedDiagnostics.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception e) when (e is TypeLoadException or MissingMethodException or FileNotFoundException or FileLoadException)
        {
            failures.Add($"{analyzer.GetType().Name}: {e.GetType().Name}: {e.Message}");
            return new HashSet<string>();
        }
    }

    /// <summary>The packages folder the benchmark was restored into (recorded at build time), else NuGet's defaults.</summary>
    public static string? NuGetPackageRoot()
    {
        var recorded = typeof(PeerPackages).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "NuGetPackageRoot")?.Value;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var candidates = new[]
        {
            recorded,
            Environment.GetEnvironmentVariable("NUGET_PACKAGES"),
            string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".nuget", "packages"),
        };
        return candidates.FirstOrDefault(dir => !string.IsNullOrWhiteSpace(dir) && Directory.Exists(dir));
    }

    /// <summary>"IDisposableAnalyzers 4.0.8, Microsoft.CodeAnalysis.NetAnalyzers 8.0.0", for report headers.</summary>
    public static string Describe() => string.Join(", ", All.Select(p => $"{p.PackageId} {p.Version}"));
}
