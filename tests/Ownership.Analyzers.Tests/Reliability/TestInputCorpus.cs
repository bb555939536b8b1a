using System.Collections.Immutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ownership.Analyzers.Tests.Reliability;

/// <summary>
/// The C# programs already written for this repository, read from disk at test time so that a
/// new rule test or sample is covered without touching the reliability tests: every string
/// literal in <c>tests/**/*.cs</c> that holds C# code (markup stripped, the file's usings prefix
/// put back), and every project under <c>samples/</c>.
/// </summary>
internal static class TestInputCorpus
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static readonly Lazy<ImmutableArray<CorpusInput>> TestInputsLazy = new(() => ReadTestInputs(RepositoryRoot));
    private static readonly Lazy<ImmutableArray<CorpusInput>> SamplesLazy = new(() => ReadSamples(RepositoryRoot));

    // Diagnostic markup of the testing library: {|OWN101:text|} keeps text.
    private static readonly Regex MarkupOpen = new(@"\{\|[A-Za-z0-9#_]+:", RegexOptions.Compiled);

    private static readonly string[] CodeShapes = { "class ", "struct ", "record ", "interface " };

    // What Microsoft.NET.Sdk adds with <ImplicitUsings>enable</ImplicitUsings>.
    private const string ImplicitUsings = "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\nglobal using System.Net.Http;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n";

    /// <summary>The rule tests' inputs, one document each, in a stable order.</summary>
    public static ImmutableArray<CorpusInput> TestInputs => TestInputsLazy.Value;

    /// <summary>The sample projects, all documents of one project in one input.</summary>
    public static ImmutableArray<CorpusInput> Samples => SamplesLazy.Value;

    public static ImmutableArray<CorpusInput> All => TestInputs.AddRange(Samples);

    public static CorpusInput Get(string name) => All.Single(input => input.Name == name);

    /// <summary>Names for xunit theories: one row per input, so a failure names its input.</summary>
    public static IEnumerable<object[]> Names(ImmutableArray<CorpusInput> inputs) => inputs.Select(input => new object[] { input.Name });

    private static string FindRepositoryRoot()
    {
        // Set by scripts/mutation-fuzz.sh, which runs a copy of the test binaries outside the tree.
        if (Environment.GetEnvironmentVariable("RELIABILITY_REPO_ROOT") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, "tests")) && Directory.Exists(Path.Combine(directory.FullName, "src"))
                && File.Exists(Path.Combine(directory.FullName, "global.json")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (with tests/, src/ and global.json) not found above " + AppContext.BaseDirectory);
    }

    private static IEnumerable<string> SourceFiles(string folder)
        => Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(path => !IsBuildOutput(path))
                .OrderBy(path => path, StringComparer.Ordinal)
            : Enumerable.Empty<string>();

    private static bool IsBuildOutput(string path)
        => path.Replace('\\', '/').Split('/').Any(part => part is "bin" or "obj");

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static ImmutableArray<CorpusInput> ReadTestInputs(string root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var inputs = ImmutableArray.CreateBuilder<CorpusInput>();
        foreach (var file in SourceFiles(Path.Combine(root, "tests")))
        {
            var relative = Relative(root, file);

            // The reliability tests' own strings are generators, not inputs.
            if (relative.Contains("/Reliability/", StringComparison.Ordinal))
            {
                continue;
            }

            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: relative);
            var constants = StringConstants(tree.GetRoot());
            foreach (var token in tree.GetRoot().DescendantTokens())
            {
                if (!token.IsKind(SyntaxKind.StringLiteralToken) && !token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken)
                    && !token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken))
                {
                    continue;
                }

                var text = StripMarkup(token.ValueText);
                if (!LooksLikeCode(token, text))
                {
                    continue;
                }

                text = Prefix(token, constants) + text;
                if (!seen.Add(text))
                {
                    continue;
                }

                var line = token.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                var name = $"{relative}:{line}";
                for (var n = 2; inputs.Any(input => input.Name == name); n++)
                {
                    name = $"{relative}:{line}#{n}";
                }

                inputs.Add(new CorpusInput(name, ImmutableArray.Create(new CorpusDocument(name, text)), KindOf(text)));
            }
        }

        return inputs.ToImmutable();
    }

    private static ImmutableArray<CorpusInput> ReadSamples(string root)
    {
        var inputs = ImmutableArray.CreateBuilder<CorpusInput>();
        var samples = Path.Combine(root, "samples");
        if (!Directory.Exists(samples))
        {
            return inputs.ToImmutable();
        }

        foreach (var project in Directory.EnumerateFiles(samples, "*.csproj", SearchOption.AllDirectories).Where(p => !IsBuildOutput(p)).OrderBy(p => p, StringComparer.Ordinal))
        {
            var documents = SourceFiles(Path.GetDirectoryName(project)!)
                .Select(path => new CorpusDocument(Relative(root, path), File.ReadAllText(path)))
                .ToList();
            var properties = XDocument.Load(project).Descendants().ToLookup(element => element.Name.LocalName, element => element.Value.Trim());
            if (properties["ImplicitUsings"].Any(value => value.Equals("enable", StringComparison.OrdinalIgnoreCase)))
            {
                documents.Add(new CorpusDocument(Relative(root, Path.Combine(Path.GetDirectoryName(project)!, "ImplicitUsings.g.cs")), ImplicitUsings));
            }

            var kind = properties["OutputType"].Any(value => value.Equals("Exe", StringComparison.OrdinalIgnoreCase))
                ? OutputKind.ConsoleApplication
                : OutputKind.DynamicallyLinkedLibrary;
            inputs.Add(new CorpusInput(Relative(root, project), documents.ToImmutableArray(), kind));
        }

        return inputs.ToImmutable();
    }

    public static string StripMarkup(string text) => MarkupOpen.Replace(text, string.Empty).Replace("|}", string.Empty);

    public static OutputKind KindOf(string text)
        => CSharpSyntaxTree.ParseText(text).GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any()
            ? OutputKind.ConsoleApplication
            : OutputKind.DynamicallyLinkedLibrary;

    private static bool LooksLikeCode(SyntaxToken token, string text)
    {
        // Pieces a test assembles with a StringBuilder are not programs on their own.
        if (token.Parent?.FirstAncestorOrSelf<InvocationExpressionSyntax>()?.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Append" or "AppendLine" or "Insert" })
        {
            return false;
        }

        if (CodeShapes.Any(shape => text.Contains(shape, StringComparison.Ordinal)))
        {
            return true;
        }

        // Top-level statements: passed to a verifier entry named Program, or whole statements that parse cleanly.
        if (token.Parent?.FirstAncestorOrSelf<InvocationExpressionSyntax>()?.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Program" })
        {
            return true;
        }

        var root = CSharpSyntaxTree.ParseText(text).GetCompilationUnitRoot();
        return text.Contains(';') && root.Members.OfType<GlobalStatementSyntax>().Any() && !root.ContainsDiagnostics;
    }

    /// <summary>
    /// The usings the test puts in front of its input: the constant it is concatenated with
    /// (<c>Usings + """..."""</c>), or else the file's one usings constant, which its helpers add.
    /// </summary>
    private static string Prefix(SyntaxToken token, Dictionary<string, string> constants)
    {
        var literal = token.Parent;
        if (literal?.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } add && add.Right == literal)
        {
            return add.Left is IdentifierNameSyntax identifier && constants.TryGetValue(identifier.Identifier.ValueText, out var value) ? value : string.Empty;
        }

        if (constants.ContainsValue(token.ValueText))
        {
            return string.Empty;
        }

        var usings = constants.Values.Where(value => value.StartsWith("using ", StringComparison.Ordinal)).Distinct().ToList();
        return usings.Count == 1 && !token.ValueText.TrimStart().StartsWith("using ", StringComparison.Ordinal) ? usings[0] : string.Empty;
    }

    private static Dictionary<string, string> StringConstants(SyntaxNode root)
    {
        var constants = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in root.DescendantNodes().OfType<FieldDeclarationSyntax>().Where(f => f.Modifiers.Any(SyntaxKind.ConstKeyword)))
        {
            foreach (var variable in field.Declaration.Variables)
            {
                if (variable.Initializer?.Value is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal)
                {
                    constants[variable.Identifier.ValueText] = literal.Token.ValueText;
                }
            }
        }

        return constants;
    }
}
