using Ownership.Analyzers.Tool.Loading;

namespace Ownership.Analyzers.Tool.Tests;

/// <summary>
/// Loading through MSBuild for real (Microsoft.Build.Locator and MSBuildWorkspace with the installed
/// SDK): a solution with a project that builds and one that cannot load. The good one is analysed,
/// the broken one is named, and the run goes on.
/// </summary>
public class LoadingTests
{
    [Fact]
    public async Task ABrokenProjectIsNamedAndTheOthersAreAnalysed()
    {
        var root = Directory.CreateTempSubdirectory("ownership-load-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "Good"));
            Directory.CreateDirectory(Path.Combine(root, "Broken"));
            File.WriteAllText(Path.Combine(root, "Good", "Good.csproj"), """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(root, "Good", "Journal.cs"), """
                using System;
                using System.IO;
                public sealed class Journal : IDisposable
                {
                    private readonly StreamWriter _writer = new StreamWriter("journal.log");
                    public void Dispose() { }
                }
                """);
            File.WriteAllText(Path.Combine(root, "Broken", "Broken.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup>");
            File.WriteAllText(Path.Combine(root, "App.slnx"), """
                <Solution>
                  <Project Path="Good/Good.csproj" />
                  <Project Path="Broken/Broken.csproj" />
                </Solution>
                """);
            var log = new StringWriter();

            var loaded = await WorkspaceLoader.LoadAsync(root, new Dictionary<string, string>(), restore: true, new ProgressLog(log, quiet: false), CancellationToken.None);
            using var workspace = loaded.Workspace;
            var graph = await Analysis.SolutionAnalysis.AnalyzeAsync(root, loaded.Projects, loaded.Failures, new ProgressLog(log, quiet: false), CancellationToken.None);

            Assert.Equal("Good", Assert.Single(loaded.Projects).Name);
            Assert.Contains(loaded.Failures, f => f.Contains("Broken.csproj", StringComparison.Ordinal));
            Assert.Contains(graph.Problems, f => f.Contains("Broken.csproj", StringComparison.Ordinal));
            Assert.Contains("warning: ", log.ToString(), StringComparison.Ordinal);
            var finding = Assert.Single(graph.Findings);
            Assert.Equal(("OWN202", "Good/Journal.cs", 5), (finding.Rule, finding.Place!.File, finding.Place.Line));
            Assert.Contains("[1/1] analysing Good", log.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task AProjectIsAnalysedWithTheProjectsItReferences()
    {
        var root = Directory.CreateTempSubdirectory("ownership-refs-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "src", "App"));
            Directory.CreateDirectory(Path.Combine(root, "lib", "Store"));
            File.WriteAllText(Path.Combine(root, "lib", "Store", "Store.csproj"), """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(root, "lib", "Store", "Journal.cs"), """
                using System;
                using System.IO;
                public sealed class Journal : IDisposable
                {
                    private readonly StreamWriter _writer = new StreamWriter("journal.log");
                    public void Dispose() { }
                }
                """);
            File.WriteAllText(Path.Combine(root, "src", "App", "App.csproj"), """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
                  <ItemGroup><ProjectReference Include="../../lib/Store/Store.csproj" /></ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(root, "src", "App", "Holder.cs"), """
                public sealed class Holder
                {
                    private readonly Journal _journal;
                    public Holder(Journal journal) => _journal = journal;
                }
                """);
            var log = new ProgressLog(TextWriter.Null, quiet: true);

            var loaded = await WorkspaceLoader.LoadAsync(Path.Combine(root, "src", "App", "App.csproj"), new Dictionary<string, string>(), restore: true, log, CancellationToken.None);
            using var workspace = loaded.Workspace;
            var common = WorkspaceLoader.CommonRoot(loaded);
            var graph = await Analysis.SolutionAnalysis.AnalyzeAsync(common, loaded.Projects, loaded.Failures, log, CancellationToken.None);

            Assert.Equal(new[] { "App", "Store" }, loaded.Projects.Select(p => p.Name));
            Assert.Equal(root, common);
            Assert.Equal("lib/Store/Journal.cs", Assert.Single(graph.Findings).Place!.File);
            // The borrowed member of App points at the node of Store's type: one node for both projects.
            var edge = Assert.Single(graph.Edges, e => e.Member == "_journal");
            Assert.Equal(Analysis.EdgeKind.Borrows, edge.Kind);
            Assert.Equal(Analysis.NodeKind.SourceType, Assert.Single(graph.Nodes, n => n.Id == edge.To).Kind);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void AFolderMustHoldOneSolutionOrOneProject()
    {
        var root = Directory.CreateTempSubdirectory("ownership-input-").FullName;
        try
        {
            Assert.Contains("holds no .sln, .slnx or .csproj", Assert.Throws<ToolException>(() => WorkspaceLoader.ResolveInput(root)).Message, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(root, "A.csproj"), "<Project />");
            Assert.Equal(Path.Combine(root, "A.csproj"), WorkspaceLoader.ResolveInput(root));
            File.WriteAllText(Path.Combine(root, "B.csproj"), "<Project />");
            Assert.Contains("A.csproj, B.csproj", Assert.Throws<ToolException>(() => WorkspaceLoader.ResolveInput(root)).Message, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(root, "All.sln"), string.Empty);
            Assert.Equal(Path.Combine(root, "All.sln"), WorkspaceLoader.ResolveInput(root));
            Assert.Contains("does not exist", Assert.Throws<ToolException>(() => WorkspaceLoader.ResolveInput(Path.Combine(root, "missing.sln"))).Message, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(root, "notes.txt"), string.Empty);
            Assert.Contains("is not a .sln", Assert.Throws<ToolException>(() => WorkspaceLoader.ResolveInput(Path.Combine(root, "notes.txt"))).Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
