using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Tests.Verifiers;
using Xunit.Abstractions;

namespace Ownership.Analyzers.Tests.Reliability;

/// <summary>
/// Same answer every time: every test input and sample in one compilation, analysed three
/// times with concurrent execution on and three times with it off, gives the same diagnostics
/// (id, severity, location, message, properties, additional locations) in the same order.
/// </summary>
public class CorpusDeterminismTests
{
    private const int Repetitions = 3;

    private readonly ITestOutputHelper _output;

    public CorpusDeterminismTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task All_inputs_together_give_the_same_diagnostics_in_the_same_order_concurrent_or_not()
    {
        var inputs = TestInputCorpus.All;
        var compilation = await CorpusWorkspace.CompileTogetherAsync(inputs);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var runs = new List<(string Label, ImmutableArray<string> Diagnostics)>();
        for (var repetition = 0; repetition < Repetitions; repetition++)
        {
            foreach (var concurrent in new[] { true, false })
            {
                // A fresh clone each time: nothing cached by an earlier run (ours or the compiler's) is reused.
                var (diagnostics, exceptions) = await AllAnalyzers.RunAsync(compilation.Clone(), concurrent, timeout.Token);
                Assert.Empty(exceptions);
                runs.Add(($"repetition {repetition}, concurrent {concurrent}", InLocationOrder(compilation, diagnostics)));
            }
        }

        var first = runs[0];
        _output.WriteLine($"{inputs.Length} inputs, {compilation.SyntaxTrees.Count()} trees, {first.Diagnostics.Length} diagnostics per run ({string.Join(", ", first.Diagnostics.GroupBy(d => d.Substring(0, 6)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))})");
        Assert.NotEmpty(first.Diagnostics);
        foreach (var run in runs.Skip(1))
        {
            Assert.True(first.Diagnostics.SequenceEqual(run.Diagnostics), $"{run.Label} differs from {first.Label}:\n{FirstDifference(first.Diagnostics, run.Diagnostics)}");
        }
    }

    /// <summary>
    /// The order the driver hands diagnostics back in follows the compiler's events, which a
    /// concurrent build reorders; with the build and the analysis both sequential, the order is
    /// the analyzers' own and must not change from run to run.
    /// </summary>
    [Fact]
    public async Task Sequential_build_and_analysis_report_in_the_same_raw_order_every_time()
    {
        var together = await CorpusWorkspace.CompileTogetherAsync(TestInputCorpus.All);
        var compilation = together.WithOptions(together.Options.WithConcurrentBuild(false));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var runs = new List<ImmutableArray<string>>();
        for (var repetition = 0; repetition < Repetitions; repetition++)
        {
            var (diagnostics, exceptions) = await AllAnalyzers.RunAsync(compilation.Clone(), concurrent: false, timeout.Token);
            Assert.Empty(exceptions);
            runs.Add(diagnostics.Select(Describe).ToImmutableArray());
        }

        Assert.NotEmpty(runs[0]);
        foreach (var run in runs.Skip(1))
        {
            Assert.True(runs[0].SequenceEqual(run), FirstDifference(runs[0], run));
        }
    }

    /// <summary>The order a host shows: by file (in compilation order), position, then id and the rest of the text.</summary>
    private static ImmutableArray<string> InLocationOrder(Compilation compilation, ImmutableArray<Diagnostic> diagnostics)
    {
        var trees = compilation.SyntaxTrees.Select((tree, index) => (tree.FilePath, index)).ToDictionary(t => t.FilePath, t => t.index);
        return diagnostics
            .OrderBy(d => d.Location.SourceTree is { } tree ? trees[tree.FilePath] : -1)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Location.SourceSpan.End)
            .ThenBy(Describe, StringComparer.Ordinal)
            .Select(Describe)
            .ToImmutableArray();
    }

    private static string Describe(Diagnostic diagnostic)
    {
        var properties = string.Join(";", diagnostic.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        var additional = string.Join(";", diagnostic.AdditionalLocations.Select(Where));
        return $"{diagnostic.Id} {diagnostic.Severity} {Where(diagnostic.Location)} {diagnostic.GetMessage(CultureInfo.InvariantCulture)} [{properties}] [{additional}]";
    }

    private static string Where(Location location) => $"{location.SourceTree?.FilePath}{location.SourceSpan}";

    private static string FirstDifference(ImmutableArray<string> expected, ImmutableArray<string> actual)
    {
        for (var i = 0; i < Math.Max(expected.Length, actual.Length); i++)
        {
            var left = i < expected.Length ? expected[i] : "(none)";
            var right = i < actual.Length ? actual[i] : "(none)";
            if (left != right)
            {
                return $"at #{i} (of {expected.Length} / {actual.Length}):\n  expected {left}\n  actual   {right}";
            }
        }

        return "(no difference)";
    }
}
