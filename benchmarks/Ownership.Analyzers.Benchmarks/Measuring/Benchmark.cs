using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Benchmarks.Analyzers;
using Ownership.Analyzers.Benchmarks.Compiling;

namespace Ownership.Analyzers.Benchmarks.Measuring;

/// <summary>
/// Measures one corpus: the compile alone, then every suite, each on a fresh compilation, warm
/// (one unmeasured round first), best of N rounds. Rounds interleave the configurations so that
/// a drift of the machine (a noisy neighbour, thermal) spreads over all of them.
/// </summary>
internal sealed class Benchmark
{
    private readonly Corpus _corpus;
    private readonly IReadOnlyList<AnalyzerSuite> _suites;
    private readonly int _runs;
    private readonly bool _concurrent;

    public Benchmark(Corpus corpus, IReadOnlyList<AnalyzerSuite> suites, int runs, bool concurrent)
    {
        _corpus = corpus;
        _suites = suites;
        _runs = runs;
        _concurrent = concurrent;
    }

    /// <summary>The suites a plain --bench measures: the floors, ours together, ours one by one, the peers.</summary>
    public static IReadOnlyList<AnalyzerSuite> DefaultSuites(BenchmarkOptions options)
    {
        var suites = new List<AnalyzerSuite>
        {
            FloorDescriptors.OperationFloor(),
            FloorDescriptors.ControlFlowGraphFloor(),
            AnalyzerSuite.Ours(),
        };
        if (options.Isolated)
        {
            suites.AddRange(AnalyzerSuite.OursOneByOne());
        }

        if (options.Peers)
        {
            suites.AddRange(PeerPackages.Load());
        }

        return options.Only is { } only
            ? suites.Where(s => s.Name.Contains(only, StringComparison.OrdinalIgnoreCase) || s.Analyzers.Any(a => AnalyzerSuite.RuleLabel(a).Contains(only, StringComparison.OrdinalIgnoreCase))).ToList()
            : suites;
    }

    /// <param name="progress">Told each round, and with <paramref name="verbose"/> each run's time.</param>
    public async Task<BenchmarkResult> RunAsync(Action<string> progress, bool verbose = false)
    {
        var total = Stopwatch.StartNew();
        var load = CostMeter.LoadAverage();
        var available = _suites.Where(s => s.IsAvailable).ToArray();
        var best = available.ToDictionary(s => s, _ => new BestOf());
        var compile = new BestOf();
        CompileRun? firstCompile = null;
        var failures = new Dictionary<AnalyzerSuite, List<AnalyzerFailure>>();

        for (var round = 0; round <= _runs; round++)
        {
            var warmUp = round == 0;
            progress(warmUp ? "  warm-up round" : $"  round {round}/{_runs}");

            AnalysisRunner.Settle();
            var compiled = AnalysisRunner.Compile(_corpus);
            firstCompile ??= compiled;
            if (verbose)
            {
                progress($"    compile: {Describe(compiled.Cost)}");
            }

            if (!warmUp)
            {
                compile.Add(compiled.Cost, diagnostics: compiled.Errors.Length, perAnalyzer: null);
            }

            foreach (var suite in available)
            {
                AnalysisRunner.Settle();
                var run = await AnalysisRunner.RunAsync(_corpus, suite, _concurrent, logExecutionTime: true).ConfigureAwait(false);
                if (verbose)
                {
                    progress($"    {suite.Name}: {Describe(run.Cost)}, in analyzers {run.ExecutionTimes.Values.Sum(t => t.TotalMilliseconds):0.0} ms");
                }

                if (warmUp)
                {
                    if (run.Failures.Count > 0)
                    {
                        failures[suite] = run.Failures.ToList();
                    }

                    continue;
                }

                var perAnalyzer = run.ExecutionTimes
                    .GroupBy(pair => Label(suite, pair.Key), StringComparer.Ordinal)
                    .ToDictionary(group => group.Key, group => TimeSpan.FromTicks(group.Sum(pair => pair.Value.Ticks)), StringComparer.Ordinal);
                best[suite].Add(run.Cost, CountReported(run, suite), perAnalyzer);
            }
        }

        var compileMeasurement = compile.ToMeasurement("compile (GetDiagnostics, no emit)", kind: null, unavailable: null, failures: 0);
        var measurements = _suites.Select(suite => suite.IsAvailable
                ? best[suite].ToMeasurement(suite.Name, suite.Kind, null, failures.GetValueOrDefault(suite)?.Count ?? 0)
                : Measurement.Unavailable(suite.Name, suite.Kind, suite.UnavailableReason!))
            .ToArray();

        return new BenchmarkResult(
            _corpus,
            _runs,
            _concurrent,
            compileMeasurement,
            firstCompile!.Errors,
            measurements,
            failures.SelectMany(pair => pair.Value.Select(f => (pair.Key.Name, f))).ToArray(),
            total.Elapsed,
            load);
    }

    /// <summary>Diagnostics of the suite's own rules (a peer package may also carry compiler-like or AD diagnostics).</summary>
    private static int CountReported(AnalysisRun run, AnalyzerSuite suite)
    {
        var ids = suite.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        return run.Diagnostics.Count(d => ids.Contains(d.Id) && d.Severity != DiagnosticSeverity.Hidden && !d.IsSuppressed);
    }

    private static string Describe(Cost cost)
        => $"cpu {cost.Cpu.TotalMilliseconds:0.0} ms, wall {cost.Wall.TotalMilliseconds:0.0} ms, {cost.AllocatedBytes / 1048576.0:0.0} MB";

    private static string Label(AnalyzerSuite suite, Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer analyzer)
        => suite.Kind is SuiteKind.Ours or SuiteKind.OursIsolated
            ? AnalyzerSuite.RuleLabel(analyzer)
            : $"{analyzer.GetType().Name} ({AnalyzerSuite.RuleLabel(analyzer)})";

    /// <summary>Keeps the best (smallest) of each quantity over the measured rounds.</summary>
    private sealed class BestOf
    {
        private readonly Dictionary<string, TimeSpan> _perAnalyzer = new(StringComparer.Ordinal);
        private int _minDiagnostics = int.MaxValue;
        private int _maxDiagnostics = int.MinValue;

        public TimeSpan Cpu { get; private set; } = TimeSpan.MaxValue;

        public TimeSpan Wall { get; private set; } = TimeSpan.MaxValue;

        public long Allocated { get; private set; } = long.MaxValue;

        public void Add(Cost cost, int diagnostics, IReadOnlyDictionary<string, TimeSpan>? perAnalyzer)
        {
            Cpu = cost.Cpu < Cpu ? cost.Cpu : Cpu;
            Wall = cost.Wall < Wall ? cost.Wall : Wall;
            Allocated = Math.Min(Allocated, cost.AllocatedBytes);
            _minDiagnostics = Math.Min(_minDiagnostics, diagnostics);
            _maxDiagnostics = Math.Max(_maxDiagnostics, diagnostics);
            foreach (var (label, time) in perAnalyzer ?? new Dictionary<string, TimeSpan>())
            {
                _perAnalyzer[label] = _perAnalyzer.TryGetValue(label, out var known) && known <= time ? known : time;
            }
        }

        public Measurement ToMeasurement(string name, SuiteKind? kind, string? unavailable, int failures)
            => new(
                name,
                kind,
                Cpu,
                Wall,
                TimeSpan.FromTicks(_perAnalyzer.Values.Sum(t => t.Ticks)),
                Allocated,
                _maxDiagnostics,
                _minDiagnostics,
                _perAnalyzer,
                unavailable,
                failures);
    }
}
