using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Benchmarks.Analyzers;
using Ownership.Analyzers.Benchmarks.Compiling;

namespace Ownership.Analyzers.Benchmarks.Measuring;

/// <summary>
/// The best measured runs of one configuration: the analyzer pass on a fresh compilation (for the
/// compile row: GetDiagnostics), as process CPU time (the figure ratios use) and wall time;
/// <see cref="InAnalyzers"/> is the time inside the analyzers' own callbacks (Roslyn telemetry).
/// Each figure is the best over the measured rounds.
/// </summary>
internal sealed record Measurement(
    string Name,
    SuiteKind? Kind,
    TimeSpan Cpu,
    TimeSpan Wall,
    TimeSpan InAnalyzers,
    long Allocated,
    int Diagnostics,
    int FewestDiagnostics,
    IReadOnlyDictionary<string, TimeSpan> PerAnalyzer,
    string? UnavailableReason,
    int Failures)
{
    public bool IsAvailable => UnavailableReason is null;

    /// <summary>"12", or "12 (varies: 11–12)" when rounds disagreed: an analyzer whose answer depends on the run.</summary>
    public string Reported => FewestDiagnostics == Diagnostics ? $"{Diagnostics}" : $"{Diagnostics} (varies: {FewestDiagnostics}–{Diagnostics})";

    public static Measurement Unavailable(string name, SuiteKind kind, string reason)
        => new(name, kind, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 0, 0, 0, new Dictionary<string, TimeSpan>(), reason, 0);
}

/// <summary>Everything one benchmark of one corpus found, ready to be rendered.</summary>
internal sealed record BenchmarkResult(
    Corpus Corpus,
    int Runs,
    bool Concurrent,
    Measurement Compile,
    ImmutableArray<Diagnostic> CompilerErrors,
    IReadOnlyList<Measurement> Suites,
    IReadOnlyList<(string Suite, AnalyzerFailure Failure)> Failures,
    TimeSpan Elapsed,
    string? LoadAverage)
{
    /// <summary>The operation floor: what any operation-based analyzer pays at least.</summary>
    public Measurement? Floor => Suites.FirstOrDefault(m => m.Kind == SuiteKind.Floor && m.IsAvailable);

    public Measurement? Ours => Suites.FirstOrDefault(m => m.Kind == SuiteKind.Ours && m.IsAvailable);

    public Measurement? Find(string namePrefix) => Suites.FirstOrDefault(m => m.Name.StartsWith(namePrefix, StringComparison.Ordinal));
}
