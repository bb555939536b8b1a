using System;
using System.IO;
using System.Threading.Tasks;
using Ownership.Analyzers.Benchmarks.Corpora;
using Ownership.Analyzers.Benchmarks.Modes;

namespace Ownership.Analyzers.Benchmarks;

/// <summary>
/// Entry point: parses the command line and hands over to one mode. Exit codes: 0 success,
/// 1 bad usage or input, 2 an analyzer threw (AD0001) during the run.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine("run with --help for usage");
            return 1;
        }

        if (options.Mode == RunMode.Help)
        {
            Console.WriteLine(BenchmarkOptions.Usage);
            return 0;
        }

        try
        {
            return options.Mode switch
            {
                RunMode.List => await ListMode.RunAsync(options),
                RunMode.Bench => await BenchMode.RunAsync(options),
                RunMode.Sweep => await SweepMode.RunAsync(options),
                RunMode.Generate => Generate(options),
                RunMode.Pathological => GeneratePathological(options),
                _ => throw new UsageException($"unknown mode {options.Mode}"),
            };
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static int Generate(BenchmarkOptions options)
    {
        var generator = new CorpusGenerator(options.Seed);
        var stats = options.Lines is { } lines
            ? generator.WriteLines(options.TargetDirectory!, lines)
            : generator.Write(options.TargetDirectory!, options.Scale);
        var size = options.Lines is null ? $"scale {options.Scale}" : $"about {options.Lines} lines asked";
        Console.WriteLine($"generated {stats.Files} files, {stats.Lines} lines ({size}, seed {options.Seed}) into {Path.GetFullPath(options.TargetDirectory!)}");
        return 0;
    }

    private static int GeneratePathological(BenchmarkOptions options)
    {
        var stats = new PathologicalGenerator(options.Seed).Write(options.TargetDirectory!, options.Scale);
        Console.WriteLine($"generated {stats.Files} pathological file(s), {stats.Lines} lines (size {options.Scale}) into {Path.GetFullPath(options.TargetDirectory!)}");
        return 0;
    }
}
