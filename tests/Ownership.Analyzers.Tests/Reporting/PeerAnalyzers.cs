using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model;
using Ownership.Analyzers.Reporting;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Reporting;

/// <summary>
/// The neighbours whose warnings the suppressor answers, loaded from their NuGet packages (the
/// test project downloads them with PackageDownload: keep the versions in step), and a run of
/// them with the suppressor on plain source.
/// </summary>
internal static class PeerAnalyzers
{
    public static readonly string[] SuppressibleIds = { "CA2000", "CA2213", "CA1001", "CA2215", "IDISP001", "IDISP002", "IDISP004", "IDISP006", "IDISP010" };

    private static readonly (string Package, string Version, string[] Dlls)[] Packages =
    {
        ("microsoft.codeanalysis.netanalyzers", "8.0.0", new[] { "Microsoft.CodeAnalysis.NetAnalyzers.dll", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll" }),
        ("idisposableanalyzers", "4.0.8", new[] { "IDisposableAnalyzers.dll" }),
    };

    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> Loaded = new(Load);

    private static ImmutableArray<DiagnosticAnalyzer> Load()
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        var loader = new Loader();
        foreach (var (package, version, dlls) in Packages)
        {
            foreach (var dll in dlls)
            {
                var path = Path.Combine(root, package, version, "analyzers", "dotnet", "cs", dll);
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException($"{path}: restore the test project (its PackageDownload items fetch {package} {version})");
                }

                var reference = new AnalyzerFileReference(path, loader);
                analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp)
                    .Where(a => a.SupportedDiagnostics.Any(d => SuppressibleIds.Contains(d.Id))));
            }
        }

        return analyzers.ToImmutable();
    }

    /// <summary>Every peer diagnostic of the suppressible ids, whether the suppressor suppressed it, and the model's reason.</summary>
    public static async Task<IReadOnlyList<(string Id, int Line, bool Suppressed, PeerFalsePositiveSuppressor.Reason? Reason)>> RunAsync(string source)
    {
        var compilation = (await AllAnalyzers.CompileAsync(new[] { source }))
            .WithOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(SuppressibleIds.Select(id => new KeyValuePair<string, ReportDiagnostic>(id, ReportDiagnostic.Warn))));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("test source does not compile: " + string.Join("; ", errors.Take(3)));
        }

        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, diagnostic) => { lock (exceptions) { exceptions.Add(exception); } },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: true);
        var analyzers = Loaded.Value.Add(new PeerFalsePositiveSuppressor());
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
        if (exceptions.Count > 0)
        {
            throw new InvalidOperationException("an analyzer threw", exceptions[0]);
        }

        var model = OwnershipModel.For(compilation);
        return diagnostics
            .Where(d => SuppressibleIds.Contains(d.Id))
            .Select(d => (d.Id, d.Location.GetLineSpan().StartLinePosition.Line + 1, d.IsSuppressed,
                PeerFalsePositiveSuppressor.Decide(model, compilation.GetSemanticModel(d.Location.SourceTree!), d, OwnershipOptions.Empty, CancellationToken.None)))
            .OrderBy(d => d.Item2).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
    }

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
