using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Benchmarks.Analyzers;
using Ownership.Analyzers.Benchmarks.Compiling;

namespace Ownership.Analyzers.Benchmarks.Modes;

/// <summary>
/// --list: every diagnostic of our analyzers over a folder, for judging precision by reading
/// them. Compiler errors are summarised on stderr, since bodies with errors are not analysed.
/// </summary>
internal static class ListMode
{
    private const int ErrorsShown = 10;

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var corpus = Corpus.Load(options.Corpus!, options);
        var ticksBySymbol = new ConcurrentDictionary<ISymbol, long>(SymbolEqualityComparer.Default);
        var suite = options.Slowest > 0 ? TimedPerBody(AnalyzerSuite.Ours(), ticksBySymbol) : AnalyzerSuite.Ours();
        var ourIds = suite.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToArray();

        Console.WriteLine($"# corpus: {corpus.Root}");
        Console.WriteLine($"# files: {corpus.FileCount}, lines: {corpus.Lines}, code lines: {corpus.CodeLines}");
        Console.WriteLine($"# references: {corpus.References.References.Count} ({corpus.References.Description})");
        Console.WriteLine($"# analyzers: {string.Join(", ", suite.Analyzers.Select(a => ((a as BodyTimingAnalyzer)?.Inner ?? a).GetType().Name))}");
        if (!corpus.AnalyzerConfig.Values.IsEmpty)
        {
            Console.WriteLine($"# options: {string.Join(", ", corpus.AnalyzerConfig.Values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} = {p.Value}"))}");
        }

        foreach (var note in corpus.References.Notes)
        {
            Console.Error.WriteLine($"note: {note}");
        }

        if (options.Slowest > 0)
        {
            // Time bodies on warm code: the first run pays for JIT-compiling the analyzers and Roslyn.
            await AnalysisRunner.RunAsync(corpus, AnalyzerSuite.Ours(), concurrent: false, logExecutionTime: false).ConfigureAwait(false);
        }

        var gate = new object();
        var failures = 0;
        // Bodies are timed one at a time: concurrently, a callback's time would include waiting for
        // another rule that is computing the same shared answer.
        var run = await AnalysisRunner.RunAsync(corpus, suite, concurrent: options.Slowest == 0, logExecutionTime: false, withCompilerDiagnostics: true, onFailure: failure =>
        {
            // Printed as it happens, whole: the stack is what a bug report needs.
            lock (gate)
            {
                failures++;
                Console.WriteLine($"AD0001: {failure.Analyzer.GetType().FullName} threw {failure.Exception.GetType().FullName}");
                Console.WriteLine($"AD0001: {failure.Diagnostic.GetMessage(CultureInfo.InvariantCulture)}");
                Console.WriteLine(failure.Exception.ToString());
                Console.WriteLine();
            }
        });

        var ours = run.Diagnostics.Where(d => ourIds.Contains(d.Id))
            .Select(d => (Diagnostic: d, Position: Position(corpus, d)))
            .OrderBy(p => p.Position.Path, StringComparer.Ordinal)
            .ThenBy(p => p.Position.Line)
            .ThenBy(p => p.Position.Column)
            .ThenBy(p => p.Position.Id, StringComparer.Ordinal)
            .Select(p => p.Diagnostic)
            .ToArray();
        foreach (var diagnostic in ours)
        {
            Console.WriteLine(Format(corpus, diagnostic));
        }

        // AD0001 that reached the results without passing the callback (should not happen, but a
        // listing that hides an analyzer crash would be worse than a duplicate line).
        var unreported = run.Diagnostics.Where(d => d.Id == "AD0001").ToArray();
        if (failures == 0)
        {
            foreach (var diagnostic in unreported)
            {
                failures++;
                Console.WriteLine($"AD0001: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}");
            }
        }

        Console.WriteLine();
        Console.WriteLine("# summary");
        var counts = ours.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count());
        foreach (var id in ourIds)
        {
            Console.WriteLine($"{id}: {counts.GetValueOrDefault(id)}");
        }

        Console.WriteLine($"total: {ours.Length} diagnostics in {corpus.FileCount} files, {corpus.Lines} lines ({corpus.CodeLines} code lines) analysed");
        Console.WriteLine($"analyzer exceptions (AD0001): {failures}");

        ReportCompilerErrors(corpus, run.CompilerErrors);
        if (options.Slowest > 0)
        {
            ReportSlowest(corpus, ticksBySymbol, options.Slowest);
        }

        if (options.Repeat > 1)
        {
            await ReportUnstableAsync(corpus, suite, ourIds, ours.Select(d => Format(corpus, d)).ToArray(), options.Repeat).ConfigureAwait(false);
        }

        return failures > 0 ? 2 : 0;
    }

    private static AnalyzerSuite TimedPerBody(AnalyzerSuite ours, ConcurrentDictionary<ISymbol, long> ticksBySymbol)
        => AnalyzerSuite.Create(ours.Name, ours.Kind, ours.Analyzers.Select(a => new BodyTimingAnalyzer(a, ticksBySymbol)), ours.Severities);

    /// <summary>--slowest N: the bodies our analyzers spent most time in (all rules together, one body at a time).</summary>
    private static void ReportSlowest(Corpus corpus, ConcurrentDictionary<ISymbol, long> ticksBySymbol, int count)
    {
        var total = BodyTimingAnalyzer.ToTime(ticksBySymbol.Values.Sum());
        Console.WriteLine($"slowest bodies (of {ticksBySymbol.Count}, {total.TotalMilliseconds:0} ms in all our callbacks; after a warm-up run):");
        foreach (var (symbol, ticks) in ticksBySymbol.OrderByDescending(pair => pair.Value).Take(count))
        {
            var syntax = symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax();
            var where = syntax is null ? string.Empty : ListingPosition(corpus, syntax.GetLocation());
            var lines = syntax is null ? 0 : syntax.GetLocation().GetLineSpan().EndLinePosition.Line - syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            Console.WriteLine($"  {BodyTimingAnalyzer.ToTime(ticks).TotalMilliseconds,8:0.0} ms  {lines,5} lines  {where} {symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}");
        }
    }

    private static string ListingPosition(Corpus corpus, Location location)
    {
        var span = location.GetLineSpan();
        return $"{corpus.RelativePath(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}):";
    }

    /// <summary>
    /// --repeat N: analyses N-1 more fresh compilations and prints every diagnostic that did not
    /// come in every run. An answer that depends on the run (thread timing, order of questions,
    /// cache state) is a bug of its own, and it makes precision counts meaningless.
    /// </summary>
    private static async Task ReportUnstableAsync(Corpus corpus, AnalyzerSuite suite, string[] ourIds, string[] first, int repeat)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(IEnumerable<string> lines)
        {
            foreach (var line in lines.Distinct())
            {
                seen[line] = seen.GetValueOrDefault(line) + 1;
            }
        }

        Count(first);
        for (var i = 1; i < repeat; i++)
        {
            var again = await AnalysisRunner.RunAsync(corpus, suite, concurrent: true, logExecutionTime: false).ConfigureAwait(false);
            Count(again.Diagnostics.Where(d => ourIds.Contains(d.Id)).Select(d => Format(corpus, d)));
        }

        var unstable = seen.Where(pair => pair.Value < repeat).OrderBy(pair => pair.Key, StringComparer.Ordinal).ToArray();
        Console.WriteLine($"unstable diagnostics over {repeat} runs: {unstable.Length}");
        foreach (var (line, count) in unstable)
        {
            Console.WriteLine($"  in {count}/{repeat} runs: {line}");
        }
    }

    /// <summary>Compiler errors mean missing references or defines: those bodies are skipped by design, so say so.</summary>
    private static void ReportCompilerErrors(Corpus corpus, ImmutableArray<Diagnostic> errors)
    {
        Console.WriteLine($"compiler errors: {errors.Length}");
        if (errors.Length == 0)
        {
            return;
        }

        Console.Error.WriteLine($"warning: the corpus has {errors.Length} compiler errors; the analyzers stay silent in bodies with invalid code.");
        Console.Error.WriteLine("         add --refs for its dependencies, --define for its symbols, --implicit-usings if it relies on them.");
        foreach (var group in errors.GroupBy(e => e.Id).OrderByDescending(g => g.Count()).Take(5))
        {
            Console.Error.WriteLine($"  {group.Key} x{group.Count()}: {group.First().GetMessage(CultureInfo.InvariantCulture)}");
        }

        foreach (var error in errors.OrderBy(e => e.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(e => e.Location.SourceSpan.Start).Take(ErrorsShown))
        {
            Console.Error.WriteLine($"  {Format(corpus, error)}");
        }
    }

    private static (string Path, int Line, int Column, string Id) Position(Corpus corpus, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return (corpus.RelativePath(span.Path), span.StartLinePosition.Line, span.StartLinePosition.Character, diagnostic.Id);
    }

    /// <summary><c>path(line,col): ID message</c>, 1-based, path relative to the corpus root.</summary>
    public static string Format(Corpus corpus, Diagnostic diagnostic)
    {
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture).Replace('\n', ' ').Replace("\r", string.Empty, StringComparison.Ordinal);
        if (!diagnostic.Location.IsInSource)
        {
            return $"{diagnostic.Id} {message}";
        }

        var span = diagnostic.Location.GetLineSpan();
        return $"{corpus.RelativePath(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {diagnostic.Id} {message}";
    }
}
