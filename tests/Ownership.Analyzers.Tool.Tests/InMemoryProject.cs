using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Ownership.Analyzers.Tool.Analysis;
using Ownership.Analyzers.Tool.Loading;

namespace Ownership.Analyzers.Tool.Tests;

/// <summary>A one-file project in an <see cref="AdhocWorkspace"/>, analysed as the tool analyses a loaded one.</summary>
internal static class InMemoryProject
{
    private static readonly ImmutableArray<MetadataReference> References = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
        .ToImmutableArray();

    public static async Task<ReportGraph> AnalyzeAsync(string source, string name = "Sample")
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            name,
            name,
            LanguageNames.CSharp,
            filePath: Path.Combine(Root, name + ".csproj"),
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: References));
        project = workspace.AddDocument(DocumentInfo.Create(
            DocumentId.CreateNewId(project.Id),
            "Sample.cs",
            loader: TextLoader.From(TextAndVersion.Create(Microsoft.CodeAnalysis.Text.SourceText.From(source), VersionStamp.Default)),
            filePath: Path.Combine(Root, "Sample.cs"))).Project;
        var graph = await SolutionAnalysis.AnalyzeAsync(Root, new[] { project }, Array.Empty<string>(), new ProgressLog(TextWriter.Null, quiet: true), CancellationToken.None);
        Assert.DoesNotContain(graph.Problems, p => p.Contains("threw", StringComparison.Ordinal));
        return graph;
    }

    public static string Root { get; } = Path.Combine(Path.GetTempPath(), "ownership-tool-tests");

    public static GraphNode Node(this ReportGraph graph, string label) => Assert.Single(graph.Nodes, n => n.Label == label);

    public static MemberFact Member(this GraphNode node, string name) => Assert.Single(node.Members, m => m.Name == name);
}
