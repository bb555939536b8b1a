using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace Ownership.Analyzers.Benchmarks.Compiling;

/// <summary>The metadata references a corpus is compiled against, and where they came from.</summary>
internal sealed record ReferenceSet(IReadOnlyList<MetadataReference> References, string Description, IReadOnlyList<string> Notes);

/// <summary>
/// Finds the reference assemblies of the running SDK: the targeting pack under the dotnet root
/// (<c>packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/net&lt;major&gt;.&lt;minor&gt;</c>) whose major
/// version is the running runtime's, plus every managed DLL of the extra folders.
/// </summary>
internal static class ReferenceAssemblies
{
    private const string TargetingPack = "Microsoft.NETCore.App.Ref";

    public static ReferenceSet Resolve(IReadOnlyList<string> extraFolders)
    {
        var notes = new List<string>();
        var byFileName = new Dictionary<string, MetadataReference>(StringComparer.OrdinalIgnoreCase);
        string description;

        if (FindTargetingPackFolder() is { } refFolder)
        {
            description = refFolder;
            AddFolder(refFolder, byFileName, notes);
        }
        else
        {
            // No targeting pack (a runtime-only install): the implementation assemblies compile
            // the same code, only with more surface than a ref pack exposes.
            description = "runtime implementation assemblies (no " + TargetingPack + " pack found under the dotnet root)";
            notes.Add("warning: " + description);
            var tpa = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(path => Path.GetDirectoryName(path) == Path.GetDirectoryName(typeof(object).Assembly.Location));
            foreach (var path in tpa)
            {
                TryAdd(path, byFileName, notes);
            }
        }

        foreach (var folder in extraFolders)
        {
            var before = byFileName.Count;
            AddFolder(folder, byFileName, notes);
            description += $"; {Path.GetFullPath(folder)} ({byFileName.Count - before} dll)";
        }

        return new ReferenceSet(byFileName.Values.ToArray(), description, notes);
    }

    /// <summary>The dotnet root: DOTNET_ROOT when it has packs, else three levels above the running runtime.</summary>
    public static string? FindDotnetRoot()
    {
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("DOTNET_ROOT"),
            // <root>/shared/Microsoft.NETCore.App/<version>/
            Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..")),
        };
        return candidates.FirstOrDefault(dir => dir is not null && Directory.Exists(Path.Combine(dir, "packs", TargetingPack)));
    }

    private static string? FindTargetingPackFolder()
    {
        var root = FindDotnetRoot();
        if (root is null)
        {
            return null;
        }

        var major = Environment.Version.Major;
        var packs = new DirectoryInfo(Path.Combine(root, "packs", TargetingPack)).GetDirectories()
            .Select(dir => (Dir: dir, Version: Version.TryParse(dir.Name.Split('-')[0], out var v) ? v : null))
            .Where(pack => pack.Version?.Major == major)
            .OrderByDescending(pack => pack.Version)
            .ThenByDescending(pack => pack.Dir.Name, StringComparer.Ordinal);

        foreach (var (dir, _) in packs)
        {
            var refRoot = Path.Combine(dir.FullName, "ref");
            if (!Directory.Exists(refRoot))
            {
                continue;
            }

            var tfm = new DirectoryInfo(refRoot).GetDirectories($"net{major}.*")
                .OrderByDescending(d => d.Name, StringComparer.Ordinal)
                .FirstOrDefault();
            if (tfm is not null && tfm.GetFiles("System.Runtime.dll").Length > 0)
            {
                return tfm.FullName;
            }
        }

        return null;
    }

    private static void AddFolder(string folder, Dictionary<string, MetadataReference> byFileName, List<string> notes)
    {
        foreach (var path in Directory.EnumerateFiles(folder, "*.dll").OrderBy(p => p, StringComparer.Ordinal))
        {
            TryAdd(path, byFileName, notes);
        }
    }

    /// <summary>Adds a managed DLL; the first of a file name wins, so the framework is never replaced by a copy.</summary>
    private static void TryAdd(string path, Dictionary<string, MetadataReference> byFileName, List<string> notes)
    {
        var name = Path.GetFileName(path);
        if (byFileName.ContainsKey(name))
        {
            notes.Add($"skipped {path}: {name} is already referenced");
            return;
        }

        if (!IsManagedAssembly(path))
        {
            return;
        }

        byFileName.Add(name, MetadataReference.CreateFromFile(path));
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new PEReader(stream);
            return reader.HasMetadata && reader.GetMetadataReader().IsAssembly;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
