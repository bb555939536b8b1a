using System;
using System.Collections.Generic;
using Ownership.Analyzers.Tool.Loading;

namespace Ownership.Analyzers.Tool;

/// <summary>The parsed command line: a verb, a solution or project, and options.</summary>
internal sealed record CommandLine(string Verb, string Path, string? Output, string Format, Dictionary<string, string> Properties, bool Quiet, bool IncludeSuppressed, bool Restore)
{
    public const string Usage = """
        dotnet ownership — who owns which resource in a C# solution, and where ownership is lost

        Usage:
          dotnet ownership report   <solution|project|folder> [--format html|sarif|mermaid|dot] [--out FILE]
          dotnet ownership list     <solution|project|folder> [--include-suppressed]
          dotnet ownership baseline <solution|project|folder>

        Verbs:
          report     the ownership picture: an HTML page (graph, findings, per-type facts) by default,
                     or SARIF 2.1.0, or the graph as Mermaid or DOT text
          list       every finding, one per line, in the compiler's format, then the totals
          baseline   writes ownership.baseline.json beside each project (docs/baseline.md)

        Options:
          --out FILE            where to write the report (default ownership-report.<ext>; - for standard output)
          --format F            html (default), sarif, mermaid or dot
          -p, --property N=V    an MSBuild global property for loading (Configuration=Release, TargetFramework=net8.0)
          --include-suppressed  also list findings suppressed in source or by the baseline
          --no-restore          do not run `dotnet restore` first
          -q, --quiet           no progress on standard error
          -h, --help            this text
          --version             the tool's version
        """;

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            throw new ToolException("No verb given.\n\n" + Usage);
        }

        var verb = args[0];
        if (verb is not ("report" or "list" or "baseline"))
        {
            throw new ToolException($"Unknown verb '{verb}'.\n\n" + Usage);
        }

        string? path = null;
        string? output = null;
        var format = "html";
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var quiet = false;
        var includeSuppressed = false;
        var restore = true;
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--out" or "-o":
                    output = Value(args, ref i, arg);
                    break;
                case "--format" or "-f":
                    format = Value(args, ref i, arg).ToLowerInvariant();
                    if (format is not ("html" or "sarif" or "mermaid" or "dot"))
                    {
                        throw new ToolException($"Unknown format '{format}': html, sarif, mermaid or dot.");
                    }

                    break;
                case "--property" or "-p":
                    var pair = Value(args, ref i, arg);
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                    {
                        throw new ToolException($"{arg} takes NAME=VALUE, not '{pair}'.");
                    }

                    properties[pair.Substring(0, equals)] = pair.Substring(equals + 1);
                    break;
                case "--quiet" or "-q":
                    quiet = true;
                    break;
                case "--include-suppressed":
                    includeSuppressed = true;
                    break;
                case "--no-restore":
                    restore = false;
                    break;
                default:
                    if (arg.StartsWith('-'))
                    {
                        throw new ToolException($"Unknown option '{arg}'.\n\n" + Usage);
                    }

                    if (path is not null)
                    {
                        throw new ToolException($"One solution or project at a time ('{path}' and '{arg}').");
                    }

                    path = arg;
                    break;
            }
        }

        return new CommandLine(verb, path ?? ".", output, format, properties, quiet, includeSuppressed, restore);
    }

    public string DefaultOutput => "ownership-report." + Format switch
    {
        "sarif" => "sarif",
        "mermaid" => "mmd",
        "dot" => "dot",
        _ => "html",
    };

    private static string Value(IReadOnlyList<string> args, ref int i, string name)
    {
        if (i + 1 >= args.Count)
        {
            throw new ToolException($"{name} needs a value.");
        }

        return args[++i];
    }
}
