using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Benchmarks.Compiling;
using Ownership.Analyzers.Benchmarks.Measuring;

namespace Ownership.Analyzers.Benchmarks.Analyzers;

/// <summary>An analyzer that threw: what Roslyn reports as AD0001.</summary>
internal sealed record AnalyzerFailure(DiagnosticAnalyzer Analyzer, Exception Exception, Diagnostic Diagnostic);

/// <summary>One run of a suite over a fresh compilation of a corpus: the analyzers' diagnostics and the compiler's errors.</summary>
internal sealed record AnalysisRun(
    ImmutableArray<Diagnostic> Diagnostics,
    ImmutableArray<Diagnostic> CompilerErrors,
    IReadOnlyList<AnalyzerFailure> Failures,
    IReadOnlyDictionary<DiagnosticAnalyzer, TimeSpan> ExecutionTimes,
    Cost Cost);

/// <summary>One emit-less compile of a fresh compilation: the compiler's own diagnostics pass.</summary>
internal sealed record CompileRun(ImmutableArray<Diagnostic> Errors, Cost Cost);

/// <summary>Runs analyzers and the compiler the same way for the listing and for every measurement.</summary>
internal static class AnalysisRunner
{
    /// <summary>
    /// Runs <paramref name="suite"/> over a fresh compilation, the analyzer pass alone: the driver
    /// binds what its analyzers ask for (every body, for an operation-based one: semantic-model
    /// binding is not shared with the compiler's, so a build pays it too) and nothing else.
    /// <see cref="AnalysisRun.ExecutionTimes"/> is the time spent inside each analyzer's callbacks
    /// (when <paramref name="logExecutionTime"/>). With <paramref name="withCompilerDiagnostics"/>
    /// the compiler's diagnostics come too (a second pass, on another thread): for listings.
    /// </summary>
    public static async Task<AnalysisRun> RunAsync(
        Corpus corpus,
        AnalyzerSuite suite,
        bool concurrent,
        bool logExecutionTime,
        bool withCompilerDiagnostics = false,
        Action<AnalyzerFailure>? onFailure = null,
        CancellationToken cancellationToken = default)
    {
        var compilation = corpus.CreateCompilation(suite.Severities);
        var failures = new ConcurrentQueue<AnalyzerFailure>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, corpus.AnalyzerConfig),
            onAnalyzerException: (exception, analyzer, diagnostic) =>
            {
                var failure = new AnalyzerFailure(analyzer, exception, diagnostic);
                failures.Enqueue(failure);
                onFailure?.Invoke(failure);
            },
            concurrentAnalysis: concurrent,
            logAnalyzerExecutionTime: logExecutionTime,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(suite.Analyzers, options);

        var meter = CostMeter.Start();
        var all = withCompilerDiagnostics
            ? await withAnalyzers.GetAllDiagnosticsAsync(cancellationToken).ConfigureAwait(false)
            : await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        var cost = meter.Stop();

        var times = new Dictionary<DiagnosticAnalyzer, TimeSpan>();
        if (logExecutionTime)
        {
            foreach (var analyzer in suite.Analyzers)
            {
                var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, cancellationToken).ConfigureAwait(false);
                times[analyzer] = telemetry.ExecutionTime;
            }
        }

        var analyzerIds = suite.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Append("AD0001").ToHashSet(StringComparer.Ordinal);
        var diagnostics = all.Where(d => analyzerIds.Contains(d.Id)).ToImmutableArray();
        var errors = all.Where(d => d.Severity == DiagnosticSeverity.Error && !analyzerIds.Contains(d.Id)).ToImmutableArray();
        return new AnalysisRun(diagnostics, errors, failures.ToArray(), times, cost);
    }

    /// <summary>The compiler alone: every declaration and body bound, diagnostics computed, nothing emitted.</summary>
    public static CompileRun Compile(Corpus corpus, CancellationToken cancellationToken = default)
    {
        var compilation = corpus.CreateCompilation();
        var meter = CostMeter.Start();
        var diagnostics = compilation.GetDiagnostics(cancellationToken);
        var cost = meter.Stop();
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        return new CompileRun(errors, cost);
    }

    /// <summary>Collects garbage left by the previous run so that it is not paid by the next one.</summary>
    public static void Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}
