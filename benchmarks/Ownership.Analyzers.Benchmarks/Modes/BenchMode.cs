using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Ownership.Analyzers.Benchmarks.Compiling;
using Ownership.Analyzers.Benchmarks.Measuring;

namespace Ownership.Analyzers.Benchmarks.Modes;

/// <summary>--bench: one corpus, every configuration, one markdown report to stdout and --out.</summary>
internal static class BenchMode
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var corpus = Corpus.Load(options.Corpus!, options);
        var result = await MeasureAsync(corpus, options).ConfigureAwait(false);
        var markdown = $"# Ownership analyzers benchmark\n\n{MarkdownReport.Environment()}\n\n"
            + MarkdownReport.Render(result, $"{corpus.Root}");
        Console.WriteLine(markdown);
        var path = options.ResolveOutputPath();
        MarkdownReport.Write(path, markdown);
        Console.Error.WriteLine($"report written to {path}");
        if (result.Failures.Count > 0)
        {
            return 2;
        }

        return options.Strict && !PassesStrictChecks(result) ? 3 : 0;
    }

    /// <summary>--strict: what a smoke run in CI must not let pass silently.</summary>
    public static bool PassesStrictChecks(BenchmarkResult result)
    {
        var problems = new List<string>();
        if (result.CompilerErrors.Length > 0)
        {
            problems.Add($"{result.CompilerErrors.Length} compiler errors");
        }

        problems.AddRange(result.Suites.Where(m => !m.IsAvailable).Select(m => $"{m.Name} unavailable: {m.UnavailableReason}"));
        problems.AddRange(result.Suites.Where(m => m.IsAvailable && m.FewestDiagnostics != m.Diagnostics).Select(m => $"{m.Name} reported {m.Reported}"));
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"strict: {problem}");
        }

        return problems.Count == 0;
    }

    /// <summary>Measures a loaded corpus with the default suites, telling progress on stderr.</summary>
    public static async Task<BenchmarkResult> MeasureAsync(Corpus corpus, BenchmarkOptions options)
    {
        foreach (var note in corpus.References.Notes)
        {
            Console.Error.WriteLine($"note: {note}");
        }

        var suites = Benchmark.DefaultSuites(options);
        Console.Error.WriteLine($"benchmarking {corpus.Root}: {corpus.FileCount} files, {corpus.Lines} lines, {suites.Count} configurations + compile, best of {options.Runs}");
        var result = await new Benchmark(corpus, suites, options.Runs, options.Concurrent)
            .RunAsync(message => Console.Error.WriteLine(message), options.Verbose)
            .ConfigureAwait(false);
        if (result.CompilerErrors.Length > 0)
        {
            Console.Error.WriteLine($"warning: {result.CompilerErrors.Length} compiler errors (first: {ListMode.Format(corpus, result.CompilerErrors[0])}); bodies with errors are not analysed by ours");
        }

        return result;
    }
}
