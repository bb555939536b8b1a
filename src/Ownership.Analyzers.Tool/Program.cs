using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Ownership.Analyzers.Tool.Analysis;
using Ownership.Analyzers.Tool.Loading;
using Ownership.Analyzers.Tool.Output;

namespace Ownership.Analyzers.Tool;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 1 && args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }

        if (args.Length == 1 && args[0] == "--version")
        {
            Console.WriteLine(Version);
            return 0;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        try
        {
            var command = CommandLine.Parse(args);
            return await RunAsync(command, ProgressLog.Console(command.Quiet), cancel.Token).ConfigureAwait(false);
        }
        catch (ToolException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 2;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return 130;
        }
    }

    internal static string Version
        => typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    internal static async Task<int> RunAsync(CommandLine command, ProgressLog log, CancellationToken cancellationToken)
    {
        var loaded = await WorkspaceLoader.LoadAsync(command.Path, command.Properties, command.Restore, log, cancellationToken).ConfigureAwait(false);
        using var workspace = loaded.Workspace;
        var root = WorkspaceLoader.CommonRoot(loaded);
        if (command.Verb == "baseline")
        {
            return await WriteBaselinesAsync(loaded, log, cancellationToken).ConfigureAwait(false);
        }

        var graph = await SolutionAnalysis.AnalyzeAsync(root, loaded.Projects, loaded.Failures, log, cancellationToken).ConfigureAwait(false);
        if (command.Verb == "list")
        {
            Console.Out.Write(FindingListWriter.Render(graph, command.IncludeSuppressed));
            return 0;
        }

        var generated = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var text = command.Format switch
        {
            "sarif" => SarifWriter.Render(graph, Version),
            "mermaid" => GraphTextWriter.Mermaid(graph),
            "dot" => GraphTextWriter.Dot(graph),
            _ => HtmlReportWriter.Render(graph, generated),
        };
        var output = command.Output ?? command.DefaultOutput;
        if (output == "-")
        {
            Console.Out.Write(text);
        }
        else
        {
            File.WriteAllText(output, text);
            log.Info($"{graph.Nodes.Length} type(s), {graph.Edges.Length} edge(s), {graph.Findings.Count(f => !f.IsSuppressed)} finding(s): wrote {Path.GetFullPath(output)}");
        }

        return 0;
    }

    /// <summary>
    /// The same file <c>dotnet build -t:OwnershipBaseline</c> writes, one per project: every finding
    /// not suppressed in source, keyed by rule, file, member and line (the baseline suppressor is left
    /// out of this run so that entries already in the file are written again).
    /// </summary>
    private static async Task<int> WriteBaselinesAsync(LoadedSolution loaded, ProgressLog log, CancellationToken cancellationToken)
    {
        var analyzers = AnalyzerSet.Create(withSuppressors: false);
        var problems = new List<string>();
        foreach (var project in loaded.Projects)
        {
            if (project.FilePath is not { } file || await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false) is not { } compilation)
            {
                continue;
            }

            var directory = Path.GetDirectoryName(file)!;
            var diagnostics = await SolutionAnalysis.RunAsync(project, compilation, analyzers, problems, cancellationToken).ConfigureAwait(false);
            var keys = diagnostics.Where(d => !d.IsSuppressed).Select(d => Baseline.Key(d, directory)).OfType<(string, string, string, string)>().ToImmutableArray();
            var path = Path.Combine(directory, Baseline.FileName);
            File.WriteAllText(path, Baseline.Format(keys));
            log.Info($"{project.Name}: {keys.Length} entr{(keys.Length == 1 ? "y" : "ies")} in {path}");
        }

        foreach (var problem in problems)
        {
            log.Problem(problem);
        }

        return 0;
    }
}
