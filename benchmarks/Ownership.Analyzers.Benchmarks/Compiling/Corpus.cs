using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Ownership.Analyzers.Benchmarks.Compiling;

/// <summary>
/// A folder of C# files parsed once, with the references and options to compile it. Every
/// measured run asks <see cref="CreateCompilation"/> for a fresh compilation: nothing bound in one
/// run (nor any analyzer cache keyed on the compilation) may be reused by the next.
/// </summary>
internal sealed class Corpus
{
    /// <summary>The SDK's implicit usings for a plain Microsoft.NET.Sdk project.</summary>
    private const string ImplicitUsingsSource = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    private static readonly HashSet<string> AlwaysSkipped = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj" };

    private readonly CSharpCompilationOptions _options;
    private CSharpCompilation? _template;

    private Corpus(string root, ImmutableArray<SyntaxTree> trees, ReferenceSet references, CSharpCompilationOptions options, AnalyzerConfig config, int lines, int codeLines)
    {
        AnalyzerConfig = config;
        Root = root;
        Trees = trees;
        References = references;
        _options = options;
        Lines = lines;
        CodeLines = codeLines;
    }

    public string Root { get; }

    public ImmutableArray<SyntaxTree> Trees { get; }

    public ReferenceSet References { get; }

    /// <summary>The analyzer options (.editorconfig keys) every file of the corpus gets.</summary>
    public AnalyzerConfig AnalyzerConfig { get; }

    /// <summary>Physical lines of the corpus files.</summary>
    public int Lines { get; }

    /// <summary>Lines that are neither blank nor only a comment or a brace.</summary>
    public int CodeLines { get; }

    public int FileCount => Trees.Count(tree => tree.FilePath.Length > 0 && !tree.FilePath.StartsWith("<", StringComparison.Ordinal));

    public static Corpus Load(string folder, BenchmarkOptions options, ReferenceSet? references = null)
    {
        var root = Path.GetFullPath(folder);
        var excluded = new HashSet<string>(AlwaysSkipped.Concat(options.ExcludedDirectories), StringComparer.OrdinalIgnoreCase);
        var files = EnumerateSources(root, excluded).OrderBy(path => path, StringComparer.Ordinal).ToArray();

        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Parse, SourceCodeKind.Regular, options.Defines);
        var trees = new SyntaxTree[files.Length];
        Parallel.For(0, files.Length, i =>
        {
            using var stream = File.OpenRead(files[i]);
            var text = SourceText.From(stream, encoding: null, checksumAlgorithm: SourceHashAlgorithm.Sha256, throwIfBinaryDetected: false);
            trees[i] = CSharpSyntaxTree.ParseText(text, parseOptions, files[i]);
        });

        var all = trees.ToList();
        if (options.ImplicitUsings)
        {
            all.Add(CSharpSyntaxTree.ParseText(ImplicitUsingsSource, parseOptions, "<implicit-usings>.g.cs"));
        }

        var (lines, codeLines) = CountLines(trees);
        var compilationOptions = new CSharpCompilationOptions(
                options.ConsoleApplication ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: options.Nullable ? NullableContextOptions.Enable : NullableContextOptions.Disable,
                allowUnsafe: true,
                concurrentBuild: options.Concurrent || options.Mode == RunMode.List)
            .WithGeneralDiagnosticOption(ReportDiagnostic.Default);

        var config = AnalyzerConfig.From(options.AnalyzerConfigFile, options.AnalyzerOptions);
        return new Corpus(root, all.ToImmutableArray(), references ?? ReferenceAssemblies.Resolve(options.ReferenceFolders), compilationOptions, config, lines, codeLines);
    }

    /// <summary>
    /// A new compilation of the corpus that shares only syntax, declarations and loaded metadata
    /// with earlier ones (a clone binds every body anew, with new symbols).
    /// </summary>
    public CSharpCompilation CreateCompilation(ImmutableDictionary<string, ReportDiagnostic>? specificOptions = null)
    {
        _template ??= CSharpCompilation.Create("Corpus", Trees, References.References, _options);
        return specificOptions is null || specificOptions.IsEmpty
            ? _template.Clone()
            : _template.WithOptions(_options.WithSpecificDiagnosticOptions(specificOptions));
    }

    /// <summary>The path of a file relative to the corpus root, with forward slashes.</summary>
    public string RelativePath(string path)
        => path.StartsWith(Root, StringComparison.Ordinal)
            ? Path.GetRelativePath(Root, path).Replace('\\', '/')
            : path;

    private static IEnumerable<string> EnumerateSources(string root, HashSet<string> excluded)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(dir, "*.cs"))
            {
                yield return file;
            }

            foreach (var sub in Directory.EnumerateDirectories(dir))
            {
                var name = Path.GetFileName(sub);
                if (!excluded.Contains(name) && !name.StartsWith(".", StringComparison.Ordinal))
                {
                    pending.Push(sub);
                }
            }
        }
    }

    private static (int Lines, int CodeLines) CountLines(IEnumerable<SyntaxTree> trees)
    {
        int lines = 0, code = 0;
        foreach (var tree in trees)
        {
            var text = tree.GetText();
            lines += text.Lines.Count;
            foreach (var line in text.Lines)
            {
                var content = line.ToString().Trim();
                if (content.Length > 0 && content != "{" && content != "}" && !content.StartsWith("//", StringComparison.Ordinal))
                {
                    code++;
                }
            }
        }

        return (lines, code);
    }
}
