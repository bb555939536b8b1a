using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Benchmarks.Analyzers;

namespace Ownership.Analyzers.Benchmarks.Measuring;

/// <summary>Renders benchmark results as markdown tables (the same text goes to stdout and to the report file).</summary>
internal static class MarkdownReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The compiler and runtime the numbers were taken on, for every report header.</summary>
    public static string Environment()
        => $"Roslyn {typeof(Compilation).Assembly.GetName().Version}, .NET {System.Environment.Version}, "
            + $"{System.Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}";

    public static string Render(BenchmarkResult result, string title)
    {
        var corpus = result.Corpus;
        var text = new StringBuilder();
        text.AppendLine($"## {title}");
        text.AppendLine();
        text.AppendLine($"Corpus `{corpus.Root}`: {corpus.FileCount} files, {corpus.Lines} lines ({corpus.CodeLines} code lines), "
            + $"{result.CompilerErrors.Length} compiler errors. Best of {result.Runs} runs after one warm-up, "
            + (result.Concurrent ? "concurrent build and analysis" : "single-threaded build and analysis")
            + $"; took {result.Elapsed.TotalSeconds:0.0} s"
            + (result.LoadAverage is { } load ? $", 1-minute load average {load} at the start." : "."));
        text.AppendLine();
        text.AppendLine("*CPU ms* = this process's CPU time for the analyzer pass alone on a fresh compilation "
            + "(CompilationWithAnalyzers.GetAnalyzerDiagnosticsAsync, single-threaded unless --concurrent): the driver binds every body again "
            + "for the semantic model and builds operation trees, which a build pays on top of its compile. CPU time, not wall time, "
            + "because a shared machine stretches the latter. *× compile* and *× floor* divide it by the compile row and by the operation "
            + "floor; *beyond floor* is what the analyzers add to the least any operation-based rule pays; *in analyzers* is the wall time "
            + "inside their callbacks (Roslyn telemetry). Every figure is the best of the rounds.");
        text.AppendLine();
        text.AppendLine("| Configuration | CPU ms | × compile | × floor | Beyond floor ms | In analyzers ms | Wall ms | Alloc MB | Alloc × compile | Reported |");
        text.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");

        var compile = result.Compile;
        var floor = result.Floor;
        text.AppendLine($"| {compile.Name} | {Ms(compile.Cpu)} | 1.00 | {(floor is null ? "—" : Ratio(compile.Cpu, floor.Cpu))} | — | — | "
            + $"{Ms(compile.Wall)} | {Mb(compile.Allocated)} | 1.00 | {result.CompilerErrors.Length} errors |");
        foreach (var m in result.Suites)
        {
            if (!m.IsAvailable)
            {
                text.AppendLine($"| {m.Name} | unavailable | | | | | | | | |");
                continue;
            }

            var failures = m.Failures > 0 ? $" ({m.Failures} AD0001)" : string.Empty;
            var beyond = floor is null ? "—" : Ms(m.Cpu - floor.Cpu);
            text.AppendLine($"| {m.Name} | {Ms(m.Cpu)} | {Ratio(m.Cpu, compile.Cpu)} | {(floor is null ? "—" : Ratio(m.Cpu, floor.Cpu))} | {beyond} | "
                + $"{Ms(m.InAnalyzers)} | {Ms(m.Wall)} | {Mb(m.Allocated)} | {Ratio(m.Allocated, compile.Allocated)} | {m.Reported}{failures} |");
        }

        AppendUnavailable(text, result.Suites);
        AppendSplit(text, result.Suites);
        AppendFailures(text, result);
        return text.ToString();
    }

    /// <summary>How cost grows with the corpus: one row per generated scale.</summary>
    public static string RenderGrowth(IReadOnlyList<(int Scale, BenchmarkResult Result)> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("## Growth over scales (CPU ms of the analyzer pass; ms/kLOC = ours per 1,000 lines)");
        text.AppendLine();
        var peerNames = rows.SelectMany(r => r.Result.Suites).Where(m => m.Kind == SuiteKind.Peer).Select(m => m.Name).Distinct().ToArray();
        text.Append("| Scale | Lines | Compile | Floor | CFG floor | Ours | Ours beyond floor | Ours in analyzers | Ours alloc MB | ms/kLOC |");
        foreach (var peer in peerNames)
        {
            text.Append($" {peer} |");
        }

        text.AppendLine();
        text.AppendLine("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|" + string.Concat(peerNames.Select(_ => "--:|")));
        foreach (var (scale, result) in rows)
        {
            var ours = result.Ours;
            var floor = result.Floor;
            var cfg = result.Suites.FirstOrDefault(m => m.Kind == SuiteKind.Floor && m != floor && m.IsAvailable);
            var perKloc = ours is not null && result.Corpus.Lines > 0 ? (ours.Cpu.TotalMilliseconds * 1000 / result.Corpus.Lines).ToString("0.0", Invariant) : "—";
            text.Append($"| {scale} | {result.Corpus.Lines} | {Ms(result.Compile.Cpu)} | {Cpu(floor)} | {Cpu(cfg)} | {Cpu(ours)} | "
                + $"{(ours is null || floor is null ? "—" : Ms(ours.Cpu - floor.Cpu))} | {(ours is null ? "—" : Ms(ours.InAnalyzers))} | "
                + $"{(ours is null ? "—" : Mb(ours.Allocated))} | {perKloc} |");
            foreach (var peer in peerNames)
            {
                text.Append($" {Cpu(result.Suites.FirstOrDefault(m => m.Name == peer))} |");
            }

            text.AppendLine();
        }

        if (rows.Count > 1)
        {
            var (firstScale, first) = rows[0];
            var (lastScale, last) = rows[^1];
            text.AppendLine();
            text.AppendLine($"From scale {firstScale} to {lastScale} ({(double)last.Corpus.Lines / first.Corpus.Lines:0.0}× the lines): "
                + $"compile {Growth(first.Compile.Cpu, last.Compile.Cpu)}, floor {Growth(first.Floor?.Cpu, last.Floor?.Cpu)}, "
                + $"ours {Growth(first.Ours?.Cpu, last.Ours?.Cpu)} (in analyzers {Growth(first.Ours?.InAnalyzers, last.Ours?.InAnalyzers)}).");
        }

        return text.ToString();
    }

    public static void Write(string path, string markdown)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, markdown);
    }

    private static void AppendUnavailable(StringBuilder text, IEnumerable<Measurement> suites)
    {
        foreach (var m in suites.Where(m => !m.IsAvailable))
        {
            text.AppendLine();
            text.AppendLine($"*{m.Name}* unavailable: {m.UnavailableReason}");
        }
    }

    /// <summary>Per analyzer inside each multi-analyzer suite, from the telemetry of the best rounds.</summary>
    private static void AppendSplit(StringBuilder text, IEnumerable<Measurement> suites)
    {
        var split = suites.Where(m => m.IsAvailable && m.PerAnalyzer.Count > 1).ToArray();
        if (split.Length == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine("### Per-analyzer split (time in callbacks, best round)");
        text.AppendLine();
        text.AppendLine("Our rules share one ownership model per compilation: the first rule to reach a body pays for its flow analysis, "
            + "so in the combined run the split says who came first as much as who is slow; the *alone* rows above give each rule's full cost, "
            + "model included.");
        text.AppendLine();
        text.AppendLine("| Suite | Analyzer | ms | share |");
        text.AppendLine("|---|---|--:|--:|");
        foreach (var m in split)
        {
            var total = m.PerAnalyzer.Values.Sum(t => t.TotalMilliseconds);
            var rows = m.PerAnalyzer.OrderByDescending(p => p.Value).ToArray();
            var shown = m.Kind == SuiteKind.Peer ? rows.Take(8).ToArray() : rows;
            foreach (var (label, time) in shown)
            {
                text.AppendLine($"| {m.Name} | {label} | {Ms(time)} | {Percent(time.TotalMilliseconds, total)} |");
            }

            if (rows.Length > shown.Length)
            {
                var rest = rows.Skip(shown.Length).Sum(p => p.Value.TotalMilliseconds);
                text.AppendLine($"| {m.Name} | {rows.Length - shown.Length} others | {rest.ToString("0", Invariant)} | {Percent(rest, total)} |");
            }
        }
    }

    private static void AppendFailures(StringBuilder text, BenchmarkResult result)
    {
        if (result.Failures.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine($"### Analyzer exceptions (AD0001) in the warm-up round: {result.Failures.Count}");
        foreach (var (suite, failure) in result.Failures.Take(5))
        {
            text.AppendLine();
            text.AppendLine($"{suite}: `{failure.Analyzer.GetType().FullName}`");
            text.AppendLine("```");
            text.AppendLine(failure.Exception.ToString());
            text.AppendLine("```");
        }
    }

    private static string Cpu(Measurement? m) => m is { IsAvailable: true } ? Ms(m.Cpu) : "unavailable";

    private static string Growth(TimeSpan? from, TimeSpan? to)
        => from is { } f && to is { } t && f.Ticks > 0 ? $"×{t.TotalMilliseconds / f.TotalMilliseconds:0.0}" : "—";

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString(time.TotalMilliseconds < 10 ? "0.0" : "0", Invariant);

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", Invariant);

    private static string Percent(double part, double whole)
        => whole > 0 ? (part / whole).ToString("P0", Invariant) : "—";

    private static string Ratio(TimeSpan part, TimeSpan whole) => Ratio(part.Ticks, whole.Ticks);

    private static string Ratio(long part, long whole)
        => whole == 0 ? "—" : ((double)part / whole).ToString("0.00", Invariant);
}
