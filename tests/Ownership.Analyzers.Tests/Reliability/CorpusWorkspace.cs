using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Reliability;

/// <summary>
/// A corpus input as a Roslyn project, so that the analyzers and the code fixes see the same
/// syntax trees. Same compiler settings as <see cref="AllAnalyzers.CompileAsync"/>.
/// </summary>
internal static class CorpusWorkspace
{
    // Projects are never applied to it; it only provides host services (formatting) to fixes.
    private static readonly AdhocWorkspace Workspace = new();

    private static readonly Lazy<Task<ImmutableArray<MetadataReference>>> References = new(
        () => TestReferences.Default.ResolveAsync(LanguageNames.CSharp, CancellationToken.None));

    /// <summary>The project and its documents' ids, in the input's order.</summary>
    public static async Task<(Project Project, ImmutableArray<DocumentId> Documents)> CreateAsync(CorpusInput input)
    {
        var references = await References.Value;
        var projectId = ProjectId.CreateNewId(input.Name);
        var solution = Workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            name: "Corpus",
            assemblyName: "Corpus",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(input.Kind, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: references));
        var ids = ImmutableArray.CreateBuilder<DocumentId>();
        for (var i = 0; i < input.Documents.Length; i++)
        {
            var document = input.Documents[i];
            var id = DocumentId.CreateNewId(projectId, document.Path);
            solution = solution.AddDocument(id, $"Input{i}.cs", SourceText.From(document.Text), filePath: $"/corpus/{i}/{Path.GetFileName(document.Path.Split(':')[0])}");
            ids.Add(id);
        }

        return (solution.GetProject(projectId)!, ids.ToImmutable());
    }

    /// <summary>All inputs as one compilation; each document in its own namespace where the shape allows, to keep type names apart.</summary>
    public static async Task<Compilation> CompileTogetherAsync(IEnumerable<CorpusInput> inputs)
    {
        var references = await References.Value;
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = new List<SyntaxTree>();
        foreach (var input in inputs)
        {
            foreach (var document in input.Documents)
            {
                var text = input.Documents.Length == 1 ? InOwnNamespace(document.Text, trees.Count) : document.Text;
                trees.Add(CSharpSyntaxTree.ParseText(text, parse, path: $"/together/{trees.Count}/{Path.GetFileName(document.Path.Split(':')[0])}"));
            }
        }

        return CSharpCompilation.Create("Together", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static string InOwnNamespace(string text, int index)
    {
        var root = CSharpSyntaxTree.ParseText(text).GetCompilationUnitRoot();
        if (root.Members.Count == 0 || root.Members.Any(member => member is Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.BaseNamespaceDeclarationSyntax))
        {
            return text;
        }

        var at = root.Members[0].FullSpan.Start;
        return text.Substring(0, at) + $"namespace Together.Input{index};\n" + text.Substring(at);
    }
}
