using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Ownership.Analyzers.Tests.Reliability;

/// <summary>How a mutation run is set up; read from the environment so that long runs need no code change.</summary>
internal sealed record FuzzSettings(int Seed, int From, int Iterations, bool WithFixes, bool JudgeFixes, TimeSpan TimeoutPerMutant, string? ReportPath)
{
    public const int DefaultSeed = 20261123;

    /// <summary>
    /// RELIABILITY_SEED, RELIABILITY_FROM (first iteration, to replay one mutant),
    /// RELIABILITY_ITERATIONS, RELIABILITY_FIXES (0 = analyzers only, 1 = every fix and Fix All run
    /// too, 2 = and their results judged: no new compiler error, the diagnostic gone),
    /// RELIABILITY_TIMEOUT_SECONDS,
    /// RELIABILITY_REPORT (a file that receives the summary and every failure).
    /// </summary>
    public static FuzzSettings FromEnvironment(int defaultIterations) => new(
        Int("RELIABILITY_SEED", DefaultSeed),
        Int("RELIABILITY_FROM", 0),
        Int("RELIABILITY_ITERATIONS", defaultIterations),
        Int("RELIABILITY_FIXES", 1) >= 1,
        Int("RELIABILITY_FIXES", 1) >= 2,
        TimeSpan.FromSeconds(Int("RELIABILITY_TIMEOUT_SECONDS", 120)),
        Environment.GetEnvironmentVariable("RELIABILITY_REPORT") is { Length: > 0 } path ? path : null);

    private static int Int(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : fallback;
}

/// <summary>One mutant that crashed something, with everything needed to replay and fix it.</summary>
internal sealed record FuzzFailure(int Iteration, string Input, string Document, IReadOnlyList<string> Mutations, bool Concurrent, string Source, ProbeFailure Failure)
{
    public string? Reduced { get; set; }
}

/// <summary>
/// The mutation run: mutant <c>i</c> of seed <c>s</c> is fully determined by <c>(s, i)</c> (its
/// input, document, mutations and whether analysis is concurrent), so any failure can be
/// replayed alone. Mutants run in parallel; each gets its own timeout, so a hang is a failure too.
/// </summary>
internal sealed class MutationFuzzer
{
    private readonly FuzzSettings _settings;
    private readonly ImmutableArray<(CorpusInput Input, int Document)> _targets;
    private readonly ConcurrentDictionary<string, Task<(Project Project, ImmutableArray<DocumentId> Documents)>> _projects = new();

    public MutationFuzzer(FuzzSettings settings, ImmutableArray<CorpusInput> inputs)
    {
        _settings = settings;
        _targets = inputs.SelectMany(input => Enumerable.Range(0, input.Documents.Length).Select(document => (input, document))).ToImmutableArray();
    }

    public int Targets => _targets.Length;

    public ConcurrentBag<FuzzFailure> Failures { get; } = new();

    public long SyntacticallyValid;
    public long Diagnostics;
    public long FixableDiagnostics;
    public long ActionsOffered;

    public async Task RunAsync()
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) };
        await Parallel.ForEachAsync(Enumerable.Range(_settings.From, _settings.Iterations), options, async (iteration, _) => await RunOneAsync(iteration));
    }

    private async Task RunOneAsync(int iteration)
    {
        var random = new Random(unchecked((_settings.Seed * 1_000_003) + iteration));
        var (input, documentIndex) = _targets[random.Next(_targets.Length)];
        var (text, mutations) = SourceMutator.Mutate(input.Documents[documentIndex].Text, random);
        var concurrent = random.Next(2) == 0;
        if (!CSharpSyntaxTree.ParseText(text).GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            Interlocked.Increment(ref SyntacticallyValid);
        }

        var failures = await ProbeAsync(input, documentIndex, text, concurrent);
        foreach (var failure in failures.GroupBy(f => f.Signature).Select(group => group.First()))
        {
            Failures.Add(new FuzzFailure(iteration, input.Name, input.Documents[documentIndex].Path, mutations, concurrent, text, failure));
        }
    }

    private async Task<ImmutableArray<ProbeFailure>> ProbeAsync(CorpusInput input, int documentIndex, string text, bool concurrent)
    {
        var (project, documents) = await _projects.GetOrAdd(input.Name, _ => CorpusWorkspace.CreateAsync(input));
        var mutant = project.Solution.WithDocumentText(documents[documentIndex], SourceText.From(text)).GetProject(project.Id)!;
        using var timeout = new CancellationTokenSource(_settings.TimeoutPerMutant);
        try
        {
            var result = await CrashProbe.RunAsync(mutant, concurrent, _settings.WithFixes, _settings.JudgeFixes, timeout.Token);
            Interlocked.Add(ref Diagnostics, result.Diagnostics);
            Interlocked.Add(ref FixableDiagnostics, result.FixableDiagnostics);
            Interlocked.Add(ref ActionsOffered, result.ActionsOffered);
            return result.Failures;
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested)
        {
            return ImmutableArray.Create(new ProbeFailure($"timeout after {_settings.TimeoutPerMutant.TotalSeconds:0} s", exception));
        }
        catch (Exception exception)
        {
            return ImmutableArray.Create(new ProbeFailure("analysis driver", exception));
        }
    }

    /// <summary>Shrinks the first failure of each signature to a small source that fails the same way.</summary>
    public async Task ReduceAsync(int maxFailures)
    {
        foreach (var failure in Distinct().Take(maxFailures))
        {
            var input = _targets.First(target => target.Input.Name == failure.Input && target.Input.Documents[target.Document].Path == failure.Document);
            var signature = failure.Failure.Signature;
            failure.Reduced = await CrashReducer.ReduceAsync(failure.Source, async candidate =>
                (await ProbeAsync(input.Input, input.Document, candidate, failure.Concurrent)).Any(f => f.Signature == signature));
        }
    }

    public IEnumerable<FuzzFailure> Distinct()
        => Failures.OrderBy(f => f.Iteration).GroupBy(f => f.Failure.Signature).Select(group => group.First());

    public string Report(TimeSpan elapsed)
    {
        var report = new StringBuilder();
        report.AppendLine($"Mutation run: seed {_settings.Seed}, iterations {_settings.From}..{_settings.From + _settings.Iterations - 1} ({_settings.Iterations} mutants), " +
            $"{_targets.Length} documents from {_targets.Select(t => t.Input.Name).Distinct().Count()} inputs, fixes {(_settings.JudgeFixes ? "run and judged" : _settings.WithFixes ? "run" : "off")}, {elapsed.TotalSeconds:0.0} s");
        report.AppendLine($"Mutants without syntax errors: {SyntacticallyValid}; analyzer diagnostics on mutants: {Diagnostics}; fixable: {FixableDiagnostics}; code actions computed: {ActionsOffered}");
        report.AppendLine($"Failures: {Failures.Count} in {Distinct().Count()} distinct signatures");
        foreach (var failure in Distinct())
        {
            var count = Failures.Count(f => f.Failure.Signature == failure.Failure.Signature);
            report.AppendLine();
            report.AppendLine($"=== {failure.Failure.Signature} ({count} mutants)");
            report.AppendLine($"Seed {_settings.Seed}, iteration {failure.Iteration}, input {failure.Input}, document {failure.Document}, concurrent analysis {failure.Concurrent}");
            report.AppendLine($"Replay: RELIABILITY_SEED={_settings.Seed} RELIABILITY_FROM={failure.Iteration} RELIABILITY_ITERATIONS=1 dotnet test -c Release --filter Mutation");
            report.AppendLine("Mutations:");
            foreach (var mutation in failure.Mutations)
            {
                report.AppendLine("  " + mutation);
            }

            report.AppendLine("Exception:");
            report.AppendLine(failure.Failure.Exception.ToString());
            if (failure.Reduced is not null)
            {
                report.AppendLine("Reduced source (same signature):");
                report.AppendLine(failure.Reduced);
            }

            report.AppendLine("Mutated source:");
            report.AppendLine(failure.Source);
        }

        return report.ToString();
    }

    public static async Task<(MutationFuzzer Fuzzer, string Report)> RunAndReportAsync(FuzzSettings settings, ImmutableArray<CorpusInput> inputs)
    {
        var fuzzer = new MutationFuzzer(settings, inputs);
        var clock = Stopwatch.StartNew();
        await fuzzer.RunAsync();
        var elapsed = clock.Elapsed;
        await fuzzer.ReduceAsync(maxFailures: 5);
        var report = fuzzer.Report(elapsed);
        if (settings.ReportPath is { } path)
        {
            File.WriteAllText(path, report);
        }

        return (fuzzer, report);
    }
}
