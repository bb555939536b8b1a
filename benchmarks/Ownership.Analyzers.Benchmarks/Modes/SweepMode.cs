using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Ownership.Analyzers.Benchmarks.Compiling;
using Ownership.Analyzers.Benchmarks.Corpora;
using Ownership.Analyzers.Benchmarks.Measuring;

namespace Ownership.Analyzers.Benchmarks.Modes;

/// <summary>
/// --sweep: generates the corpus at each scale (same seed) into a temporary folder, benchmarks
/// each, and shows how the cost grows; optionally the pathological file as well.
/// </summary>
internal static class SweepMode
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var workspace = Path.Combine(Path.GetTempPath(), $"ownership-bench-{Environment.ProcessId}");
        var report = new StringBuilder();
        report.AppendLine("# Ownership analyzers benchmark: sweep");
        report.AppendLine();
        report.AppendLine($"{MarkdownReport.Environment()}; generator seed {options.Seed}.");
        report.AppendLine();

        var rows = new List<(int Scale, BenchmarkResult Result)>();
        var failures = 0;
        try
        {
            ReferenceSet? references = null;
            foreach (var scale in options.Scales)
            {
                var folder = Path.Combine(workspace, $"scale-{scale}");
                var stats = new CorpusGenerator(options.Seed).Write(folder, scale);
                Console.Error.WriteLine($"scale {scale}: generated {stats.Files} files, {stats.Lines} lines");
                var corpus = Corpus.Load(folder, options, references);
                references = corpus.References;
                var result = await BenchMode.MeasureAsync(corpus, options).ConfigureAwait(false);
                failures += result.Failures.Count;
                rows.Add((scale, result));
                var section = MarkdownReport.Render(result, $"Generated corpus, scale {scale}");
                Console.WriteLine(section);
                report.AppendLine(section);
            }

            if (options.PathologicalSize > 0)
            {
                var folder = Path.Combine(workspace, "pathological");
                var stats = new PathologicalGenerator(options.Seed).Write(folder, options.PathologicalSize);
                Console.Error.WriteLine($"pathological: generated {stats.Lines} lines");
                var result = await BenchMode.MeasureAsync(Corpus.Load(folder, options, references), options).ConfigureAwait(false);
                failures += result.Failures.Count;
                var section = MarkdownReport.Render(result, $"Pathological file, size {options.PathologicalSize}");
                Console.WriteLine(section);
                report.AppendLine(section);
            }
        }
        finally
        {
            if (options.KeepGenerated)
            {
                Console.Error.WriteLine($"generated corpora kept in {workspace}");
            }
            else if (Directory.Exists(workspace))
            {
                Directory.Delete(workspace, recursive: true);
            }
        }

        var growth = MarkdownReport.RenderGrowth(rows);
        Console.WriteLine(growth);
        report.Append(growth);
        var path = options.ResolveOutputPath();
        MarkdownReport.Write(path, report.ToString());
        Console.Error.WriteLine($"report written to {path}");
        return failures > 0 ? 2 : 0;
    }
}
