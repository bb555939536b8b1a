using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace Ownership.Analyzers.Benchmarks.Analyzers;

/// <summary>
/// Loads a peer package's analyzer DLLs into a load context of their own, the way a compiler
/// host does: the compiler (Microsoft.CodeAnalysis*) and the framework come from the host, so the
/// peer runs on the same Roslyn as ours; anything else is taken from the peer's own folder.
/// </summary>
internal sealed class IsolatedAnalyzerLoader : IAnalyzerAssemblyLoader
{
    private readonly PeerLoadContext _context;

    public IsolatedAnalyzerLoader(string name)
    {
        _context = new PeerLoadContext(name);
    }

    public void AddDependencyLocation(string fullPath)
        => _context.Dependencies[AssemblyName.GetAssemblyName(fullPath).Name!] = fullPath;

    public Assembly LoadFromPath(string fullPath)
    {
        AddDependencyLocation(fullPath);
        return _context.LoadFromAssemblyPath(fullPath);
    }

    private sealed class PeerLoadContext : AssemblyLoadContext
    {
        public PeerLoadContext(string name)
            : base("peer:" + name, isCollectible: false)
        {
        }

        public ConcurrentDictionary<string, string> Dependencies { get; } = new(StringComparer.OrdinalIgnoreCase);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var name = assemblyName.Name ?? string.Empty;
            if (IsHostAssembly(name))
            {
                // The host's compiler, whatever version the peer was built against: a peer that
                // needs a newer Roslyn fails here with a clear MissingMethod/TypeLoad error.
                return Default.Assemblies.FirstOrDefault(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase))
                    ?? LoadFromHost(name);
            }

            if (Dependencies.TryGetValue(name, out var path) || TryFindBeside(name, out path))
            {
                return LoadFromAssemblyPath(path);
            }

            return null;
        }

        private static Assembly? LoadFromHost(string name)
        {
            try
            {
                return Default.LoadFromAssemblyName(new AssemblyName(name));
            }
            catch (FileNotFoundException)
            {
                // Not in the host (e.g. Workspaces, used only by the peer's code fixes).
                return null;
            }
        }

        private bool TryFindBeside(string name, out string path)
        {
            foreach (var known in Dependencies.Values)
            {
                var candidate = Path.Combine(Path.GetDirectoryName(known)!, name + ".dll");
                if (File.Exists(candidate))
                {
                    path = candidate;
                    return true;
                }
            }

            path = string.Empty;
            return false;
        }

        private static bool IsHostAssembly(string name)
            => name.StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase)
                && !name.Contains("NetAnalyzers", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("System.", StringComparison.OrdinalIgnoreCase)
                || name is "System" or "mscorlib" or "netstandard";
    }
}
