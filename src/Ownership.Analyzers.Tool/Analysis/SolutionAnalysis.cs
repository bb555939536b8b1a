using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Tool.Loading;

namespace Ownership.Analyzers.Tool.Analysis;

/// <summary>
/// Runs the package's analyzers on each project, as a build would (the project's
/// <c>.editorconfig</c> severities, additional files and suppressions), and asks the ownership
/// model for the picture of each type.
/// </summary>
internal static class SolutionAnalysis
{
    public static async Task<ReportGraph> AnalyzeAsync(string root, IReadOnlyList<Project> projects, IEnumerable<string> loadFailures, ProgressLog log, CancellationToken cancellationToken, bool withSuppressors = true)
    {
        var analyzers = AnalyzerSet.Create(withSuppressors);
        var builder = new ReportGraphBuilder(root);
        var problems = new List<string>(loadFailures);
        var index = 0;
        foreach (var project in projects)
        {
            index++;
            log.Info($"[{index}/{projects.Count}] analysing {project.Name}");
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (compilation is null)
            {
                problems.Add($"{project.Name}: no compilation");
                continue;
            }

            var errors = compilation.GetDiagnostics(cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);
            if (errors > 0)
            {
                // The model stays silent on code that does not bind: say so, the report is partial.
                var message = $"{project.Name}: {errors} compiler error(s); the analyzers stay silent where code does not bind";
                problems.Add(message);
                log.Problem(message);
            }

            var diagnostics = await RunAsync(project, compilation, analyzers, problems, cancellationToken).ConfigureAwait(false);
            var types = builder.AddProject(project, compilation, diagnostics, cancellationToken);
            log.Info($"  {types} type(s) analysed, {diagnostics.Count(d => !d.IsSuppressed)} finding(s)");
        }

        return builder.Build(AnalyzerSet.Rules(analyzers), problems.ToImmutableArray());
    }

    public static async Task<ImmutableArray<Diagnostic>> RunAsync(Project project, Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, List<string> problems, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            (exception, analyzer, diagnostic) =>
            {
                lock (failures)
                {
                    failures.Add($"{project.Name}: {analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}");
                }
            },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: true);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        problems.AddRange(failures.Distinct(StringComparer.Ordinal));
        return diagnostics
            .Where(d => d.Id.StartsWith("OWN", StringComparison.Ordinal) && d.Severity != DiagnosticSeverity.Hidden)
            .ToImmutableArray();
    }
}
