using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Build.Locator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace Ownership.Analyzers.Tool.Loading;

/// <summary>The C# projects of a solution or project, as MSBuild evaluates them, and what failed to load.</summary>
/// <param name="Projects">One per project file (the first target framework of a multi-targeted project).</param>
/// <param name="Failures">Projects that did not load, or loaded with errors, in MSBuild's words.</param>
internal sealed record LoadedSolution(string Path, ImmutableArray<Project> Projects, ImmutableArray<string> Failures, Workspace Workspace);

/// <summary>
/// Loads a <c>.sln</c>, <c>.slnx</c> or <c>.csproj</c> with MSBuild (through <see cref="MSBuildLocator"/>
/// and <see cref="MSBuildWorkspace"/>): the same evaluation a build does, no project parsing of ours.
/// </summary>
internal static class WorkspaceLoader
{
    private static readonly string[] SolutionExtensions = { ".sln", ".slnx" };

    public static async Task<LoadedSolution> LoadAsync(string path, IReadOnlyDictionary<string, string> properties, bool restore, ProgressLog log, CancellationToken cancellationToken)
    {
        var file = ResolveInput(path);
        RegisterMSBuild(log);
        if (restore)
        {
            await Restore.RunAsync(file, properties, log, cancellationToken).ConfigureAwait(false);
        }

        var workspace = MSBuildWorkspace.Create(properties.ToDictionary(p => p.Key, p => p.Value));
        var progress = new Progress(log);
        IEnumerable<Project> loaded;
        if (SolutionExtensions.Contains(System.IO.Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
        {
            log.Info($"loading {file}");
            var solution = await workspace.OpenSolutionAsync(file, progress, cancellationToken).ConfigureAwait(false);
            loaded = solution.Projects;
        }
        else
        {
            log.Info($"loading {file}");
            // The project and the source projects it references (transitively): one picture, as a
            // build of it compiles them all. Projects loaded only as analyzers (a ProjectReference
            // with ReferenceOutputAssembly=false) are not references of its compilation.
            var project = await workspace.OpenProjectAsync(file, progress, cancellationToken).ConfigureAwait(false);
            loaded = WithReferences(project);
        }

        var failures = workspace.Diagnostics
            .Where(d => d.Kind == WorkspaceDiagnosticKind.Failure)
            .Select(d => d.Message)
            .Distinct(StringComparer.Ordinal)
            .ToImmutableArray();
        foreach (var failure in failures)
        {
            log.Problem(failure);
        }

        // A project MSBuild could not evaluate is still added, empty: it is named among the failures, not analysed.
        var projects = loaded
            .Where(p => p.Language == LanguageNames.CSharp)
            .Where(p => !(p.DocumentIds.Count == 0 && p.FilePath is { } f && failures.Any(m => m.Contains(f, StringComparison.Ordinal))))
            .GroupBy(p => p.FilePath ?? p.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToImmutableArray();
        if (projects.IsEmpty)
        {
            throw new ToolException(failures.IsEmpty
                ? $"{file} has no C# project."
                : $"{file}: no C# project loaded ({failures.Length} failure(s) above).");
        }

        log.Info($"{projects.Length} C# project(s) loaded");
        return new LoadedSolution(file, projects, failures, workspace);
    }

    private static IEnumerable<Project> WithReferences(Project root)
    {
        var seen = new HashSet<ProjectId> { root.Id };
        var pending = new Queue<Project>();
        pending.Enqueue(root);
        while (pending.Count > 0)
        {
            var project = pending.Dequeue();
            yield return project;
            foreach (var reference in project.ProjectReferences)
            {
                if (seen.Add(reference.ProjectId) && project.Solution.GetProject(reference.ProjectId) is { } referenced)
                {
                    pending.Enqueue(referenced);
                }
            }
        }
    }

    /// <summary>The deepest folder holding every project: file paths in the report are relative to it.</summary>
    public static string CommonRoot(LoadedSolution loaded)
    {
        var root = System.IO.Path.GetDirectoryName(loaded.Path)!;
        foreach (var directory in loaded.Projects.Select(p => p.FilePath).OfType<string>().Select(System.IO.Path.GetDirectoryName).OfType<string>())
        {
            while (!IsUnder(directory, root))
            {
                var parent = System.IO.Path.GetDirectoryName(root);
                if (parent is null)
                {
                    return root;
                }

                root = parent;
            }
        }

        return root;
    }

    private static bool IsUnder(string directory, string root)
    {
        var relative = System.IO.Path.GetRelativePath(root, directory);
        return relative == "." || !(relative.StartsWith("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(relative));
    }

    /// <summary>A file, or a folder holding exactly one solution (else exactly one project).</summary>
    internal static string ResolveInput(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full))
        {
            var extension = System.IO.Path.GetExtension(full);
            if (!SolutionExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase) && !extension.Equals(".csproj", StringComparison.OrdinalIgnoreCase))
            {
                throw new ToolException($"{path} is not a .sln, .slnx or .csproj file.");
            }

            return full;
        }

        if (!Directory.Exists(full))
        {
            throw new ToolException($"{path} does not exist.");
        }

        foreach (var patterns in new[] { new[] { "*.sln", "*.slnx" }, new[] { "*.csproj" } })
        {
            var found = patterns.SelectMany(p => Directory.GetFiles(full, p)).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            if (found.Length == 1)
            {
                return found[0];
            }

            if (found.Length > 1)
            {
                throw new ToolException($"{path} holds {found.Length} candidates ({string.Join(", ", found.Select(System.IO.Path.GetFileName))}): name one.");
            }
        }

        throw new ToolException($"{path} holds no .sln, .slnx or .csproj file.");
    }

    private static void RegisterMSBuild(ProgressLog log)
    {
        if (MSBuildLocator.IsRegistered)
        {
            return;
        }

        var instance = MSBuildLocator.QueryVisualStudioInstances()
            .OrderByDescending(i => i.Version)
            .FirstOrDefault();
        if (instance is null)
        {
            throw new ToolException("No .NET SDK was found. Install the .NET SDK (8 or newer) and make sure `dotnet` is on PATH, or set DOTNET_ROOT.");
        }

        log.Info($"MSBuild {instance.Version} from {instance.MSBuildPath}");
        MSBuildLocator.RegisterInstance(instance);
    }

    private sealed class Progress : IProgress<ProjectLoadProgress>
    {
        private readonly ProgressLog _log;

        public Progress(ProgressLog log) => _log = log;

        public void Report(ProjectLoadProgress value)
        {
            if (value.Operation == ProjectLoadOperation.Resolve)
            {
                var framework = value.TargetFramework is { Length: > 0 } tfm ? $" ({tfm})" : string.Empty;
                _log.Info($"  loaded {System.IO.Path.GetFileName(value.FilePath)}{framework} in {value.ElapsedTime.TotalSeconds:0.0}s");
            }
        }
    }
}
