using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Ownership.Analyzers.Benchmarks;

internal enum RunMode
{
    Bench,
    List,
    Sweep,
    Generate,
    Pathological,
    Help,
}

/// <summary>A command line the program cannot act on; reported without a stack trace.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}

/// <summary>Everything the command line can say; defaults are those of a plain <c>--bench</c>.</summary>
internal sealed class BenchmarkOptions
{
    public const string Usage = """
        Ownership.Analyzers.Benchmarks — precision listing and performance benchmark.

        dotnet run -c Release --project benchmarks/Ownership.Analyzers.Benchmarks -- [mode] [options]

        Modes
          --list <dir>               run every Ownership analyzer on the .cs files under <dir> and print
                                     each diagnostic as path(line,col): OWNnnn message, per-rule counts,
                                     lines analysed and any analyzer exception (AD0001, full stack)
          --slowest N                with --list: also print the N bodies the analyzers spent most time in
          --repeat N                 with --list: analyse N times and print diagnostics that not every run gave
          --bench <dir>              (default) time compile vs floor vs ours vs peers, best of --runs
          --sweep                    generate scales --scales into a temp dir and --bench each
          --generate <dir>           write a seeded disposal-heavy corpus (--scale N: ~5k lines per unit)
          --pathological <dir>       write one file with a huge method (--scale N multiplies its size)
          --help

        Compilation
          --refs <dir;dir>           extra reference folders (every managed *.dll in each)
          --console                  OutputKind.ConsoleApplication (top-level statements); default library
          --define <A;B>             preprocessor symbols
          --implicit-usings          add the SDK's implicit global usings (System, System.IO, ... Linq, Tasks)
          --nullable <enable|disable> nullable context (default enable)
          --exclude <name;name>      directory names to skip besides bin, obj and dot-folders
          --option key=value         an analyzer option for every file, as .editorconfig would give it
                                     (repeatable; e.g. ownership.harmless_types=My.Pooled)
          --config <file>            analyzer options from a file of key = value lines (.globalconfig shape)

        Benchmark
          --runs N                   measured runs per configuration, best is kept (default 5; one warm-up first)
          --out <path>               markdown report (default benchmarks/results/latest.md)
          --no-peers                 skip IDisposableAnalyzers and the .NET analyzers
          --no-isolated              skip running each of our rules alone
          --only <text>              measure only configurations whose name contains text (e.g. "all rules", CA2000)
          --concurrent               concurrent build and analysis (default: one thread, steadier timings)
          --verbose                  print every run's time on stderr
          --scale N  --seed S        for --generate / --pathological (defaults 1 and 1)
          --lines N                  for --generate: about N lines instead of a scale (tiny corpora for smoke runs)
          --strict                   exit 3 when the corpus has compiler errors, a peer is unavailable or a
                                     configuration reported different counts in different rounds
          --scales 1,2,4,8           for --sweep; --pathological-size N adds a pathological corpus to the sweep
          --keep                     keep the sweep's generated corpora (prints where)
        """;

    private readonly List<string> _analyzerOptions = new();

    public RunMode Mode { get; private set; } = RunMode.Bench;

    /// <summary>The folder read by --list and --bench.</summary>
    public string? Corpus { get; private set; }

    /// <summary>The folder written by --generate and --pathological.</summary>
    public string? TargetDirectory { get; private set; }

    public IReadOnlyList<string> ReferenceFolders { get; private set; } = Array.Empty<string>();

    public bool ConsoleApplication { get; private set; }

    public IReadOnlyList<string> Defines { get; private set; } = Array.Empty<string>();

    public bool ImplicitUsings { get; private set; }

    public bool Nullable { get; private set; } = true;

    public IReadOnlyList<string> ExcludedDirectories { get; private set; } = Array.Empty<string>();

    public IReadOnlyList<string> AnalyzerOptions => _analyzerOptions;

    public string? AnalyzerConfigFile { get; private set; }

    public int Runs { get; private set; } = 5;

    public string? OutputPath { get; private set; }

    public bool Peers { get; private set; } = true;

    public bool Isolated { get; private set; } = true;

    public bool Concurrent { get; private set; }

    public bool Verbose { get; private set; }

    public int Repeat { get; private set; } = 1;

    public int Slowest { get; private set; }

    public int? Lines { get; private set; }

    public bool Strict { get; private set; }

    public string? Only { get; private set; }

    public int Scale { get; private set; } = 1;

    public int Seed { get; private set; } = 1;

    public IReadOnlyList<int> Scales { get; private set; } = new[] { 1, 2, 4, 8 };

    public int PathologicalSize { get; private set; }

    public bool KeepGenerated { get; private set; }

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new UsageException($"{arg} needs a value");
            string? OptionalPath() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;

            switch (arg)
            {
                case "--help" or "-h" or "-?":
                    options.Mode = RunMode.Help;
                    break;
                case "--list":
                    options.Mode = RunMode.List;
                    options.Corpus = OptionalPath() ?? options.Corpus;
                    break;
                case "--bench":
                    options.Mode = RunMode.Bench;
                    options.Corpus = OptionalPath() ?? options.Corpus;
                    break;
                case "--sweep":
                    options.Mode = RunMode.Sweep;
                    break;
                case "--generate":
                    options.Mode = RunMode.Generate;
                    options.TargetDirectory = Value();
                    break;
                case "--pathological":
                    options.Mode = RunMode.Pathological;
                    options.TargetDirectory = Value();
                    break;
                case "--corpus":
                    options.Corpus = Value();
                    break;
                case "--refs":
                    options.ReferenceFolders = SplitList(Value());
                    break;
                case "--console":
                    options.ConsoleApplication = true;
                    break;
                case "--define":
                    options.Defines = SplitList(Value());
                    break;
                case "--implicit-usings":
                    options.ImplicitUsings = true;
                    break;
                case "--nullable":
                    options.Nullable = Value() switch
                    {
                        "enable" => true,
                        "disable" => false,
                        var other => throw new UsageException($"--nullable takes enable or disable, not '{other}'"),
                    };
                    break;
                case "--exclude":
                    options.ExcludedDirectories = SplitList(Value());
                    break;
                case "--option":
                    options._analyzerOptions.Add(Value());
                    break;
                case "--config":
                    options.AnalyzerConfigFile = Value();
                    break;
                case "--runs":
                    options.Runs = PositiveInt(arg, Value());
                    break;
                case "--out":
                    options.OutputPath = Value();
                    break;
                case "--no-peers":
                    options.Peers = false;
                    break;
                case "--no-isolated":
                    options.Isolated = false;
                    break;
                case "--concurrent":
                    options.Concurrent = true;
                    break;
                case "--lines":
                    options.Lines = PositiveInt(arg, Value());
                    break;
                case "--only":
                    options.Only = Value();
                    break;
                case "--strict":
                    options.Strict = true;
                    break;
                case "--slowest":
                    options.Slowest = PositiveInt(arg, Value());
                    break;
                case "--repeat":
                    options.Repeat = PositiveInt(arg, Value());
                    break;
                case "--verbose":
                    options.Verbose = true;
                    break;
                case "--scale":
                    options.Scale = PositiveInt(arg, Value());
                    break;
                case "--seed":
                    options.Seed = int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : throw new UsageException("--seed takes an integer");
                    break;
                case "--scales":
                    options.Scales = SplitList(Value()).Select(s => PositiveInt(arg, s)).ToArray();
                    break;
                case "--pathological-size":
                    options.PathologicalSize = PositiveInt(arg, Value());
                    break;
                case "--keep":
                    options.KeepGenerated = true;
                    break;
                default:
                    if (arg.StartsWith("-", StringComparison.Ordinal))
                    {
                        throw new UsageException($"unknown option '{arg}'");
                    }

                    options.Corpus = options.Corpus is null ? arg : throw new UsageException($"unexpected argument '{arg}'");
                    break;
            }
        }

        options.Validate();
        return options;
    }

    private void Validate()
    {
        if (Mode is RunMode.List or RunMode.Bench)
        {
            if (Corpus is null)
            {
                throw new UsageException($"--{Mode.ToString().ToLowerInvariant()} needs a folder of .cs files");
            }

            if (!Directory.Exists(Corpus))
            {
                throw new UsageException($"no such folder: {Corpus}");
            }
        }

        if (AnalyzerConfigFile is not null && !File.Exists(AnalyzerConfigFile))
        {
            throw new UsageException($"no such file: {AnalyzerConfigFile}");
        }

        foreach (var folder in ReferenceFolders)
        {
            if (!Directory.Exists(folder))
            {
                throw new UsageException($"no such reference folder: {folder}");
            }
        }
    }

    /// <summary>Where the markdown report goes: --out, else benchmarks/results/latest.md of this repository.</summary>
    public string ResolveOutputPath()
    {
        if (OutputPath is not null)
        {
            return Path.GetFullPath(OutputPath);
        }

        var root = RepositoryRoot() ?? Directory.GetCurrentDirectory();
        return Path.Combine(root, "benchmarks", "results", "latest.md");
    }

    /// <summary>The folder holding Analyzers.sln, searched upwards from the working directory, then from the binary.</summary>
    public static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Analyzers.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    private static string[] SplitList(string value)
        => value.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int PositiveInt(string option, string value)
        => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new UsageException($"{option} takes a positive integer, not '{value}'");
}
