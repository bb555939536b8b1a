using Ownership.Analyzers.Tool.Analysis;

namespace Ownership.Analyzers.Tool.Tests;

/// <summary>The graph the tool reads off the ownership model: nodes, edges, member facts, cycles, findings on their types.</summary>
public class ReportGraphTests
{
    [Fact]
    public async Task OwnedMemberReleasedOnDisposalIsAnOwnsEdgeAndNotLost()
    {
        var graph = await InMemoryProject.AnalyzeAsync("""
            using System;
            using System.IO;
            public sealed class Archive : IDisposable
            {
                private readonly FileStream _file = new FileStream("a.zip", FileMode.Open);
                public void Dispose() => _file.Dispose();
            }
            """);

        var archive = graph.Node("Archive");
        Assert.Equal(NodeKind.SourceType, archive.Kind);
        Assert.True(archive.IsDisposable);
        var file = archive.Member("_file");
        Assert.Equal("owned", file.Ownership);
        Assert.Equal("released by Dispose()", file.Release);
        Assert.False(file.IsLost);
        Assert.Equal(5, file.Place!.Line);
        var stream = graph.Node("FileStream");
        Assert.Equal(NodeKind.Resource, stream.Kind);
        var edge = Assert.Single(graph.Edges);
        Assert.Equal((archive.Id, stream.Id, EdgeKind.Owns, "_file", false), (edge.From, edge.To, edge.Kind, edge.Member, edge.InCycle));
        Assert.Empty(graph.Findings);
    }

    [Fact]
    public async Task OwnedMemberNeverReleasedIsLostAndCarriesItsFinding()
    {
        var graph = await InMemoryProject.AnalyzeAsync("""
            using System;
            using System.IO;
            public sealed class Journal : IDisposable
            {
                private readonly StreamWriter _writer = new StreamWriter("journal.log");
                public void Write(string line) => _writer.WriteLine(line);
                public void Dispose() { }
            }
            """);

        var journal = graph.Node("Journal");
        var writer = journal.Member("_writer");
        Assert.True(writer.IsLost);
        Assert.Equal("never released: lost when the instance is dropped", writer.Release);
        var finding = Assert.Single(graph.Findings, f => f.Rule == "OWN202");
        Assert.Equal(journal.Id, finding.TypeKey);
        Assert.Equal(writer.Place!.Line, finding.Place!.Line);
        Assert.Equal("Sample.cs", finding.Place.File);
        Assert.StartsWith("https://", finding.HelpUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParameterStoredInAMemberIsABorrowsEdge()
    {
        var graph = await InMemoryProject.AnalyzeAsync("""
            using System.IO;
            public sealed class LineCounter
            {
                private readonly Stream _input;
                public LineCounter(Stream input) => _input = input;
                public long Length => _input.Length;
            }
            """);

        var counter = graph.Node("LineCounter");
        var input = counter.Member("_input");
        Assert.Equal("borrowed", input.Ownership);
        Assert.Equal("not released here: its owner releases it", input.Release);
        Assert.False(input.IsLost);
        var edge = Assert.Single(graph.Edges);
        Assert.Equal(EdgeKind.Borrows, edge.Kind);
        Assert.Equal(graph.Node("Stream").Id, edge.To);
    }

    [Fact]
    public async Task SourceTypesOwningEachOtherAreLinkedAndACycleIsMarked()
    {
        var graph = await InMemoryProject.AnalyzeAsync("""
            using System;
            public sealed class Parent : IDisposable
            {
                private readonly Child _child;
                public Parent() => _child = new Child(this);
                public void Dispose() => _child.Dispose();
            }
            public sealed class Child : IDisposable
            {
                private readonly Parent _parent;
                public Child(Parent parent) => _parent = parent;
                public void Dispose() => _parent.Dispose();
            }
            """);

        var parent = graph.Node("Parent");
        var child = graph.Node("Child");
        // The child is created with the parent itself: the model does not call it created (it
        // cannot tell the child does not own its creator), but the parent releases it.
        Assert.Equal("released by the type, origin not traced", parent.Member("_child").Ownership);
        var down = Assert.Single(graph.Edges, e => e.From == parent.Id);
        Assert.Equal((child.Id, EdgeKind.Owns, "_child", true), (down.To, down.Kind, down.Member, down.InCycle));
        var back = Assert.Single(graph.Edges, e => e.From == child.Id);
        Assert.Equal((parent.Id, EdgeKind.Borrows, "_parent", true), (back.To, back.Kind, back.Member, back.InCycle));
        Assert.Equal("released by Dispose(), although the type only borrows it", child.Member("_parent").Release);
        Assert.Contains(graph.Findings, f => f.Rule == "OWN601");
    }

    [Fact]
    public async Task ATypeWithoutResourcesIsNoNodeUnlessItHasAFinding()
    {
        var graph = await InMemoryProject.AnalyzeAsync("""
            using System.IO;
            public static class Sizes
            {
                public static long Of(string path) => new FileStream(path, FileMode.Open).Length;
            }
            public sealed class Plain
            {
                private readonly int _count;
                public Plain(int count) => _count = count;
                public int Count => _count;
            }
            """);

        var sizes = graph.Node("Sizes");
        Assert.Empty(sizes.Members);
        Assert.Contains(graph.Findings, f => f.Rule == "OWN102" && f.TypeKey == sizes.Id && f.Member == "Sizes.Of");
        Assert.DoesNotContain(graph.Nodes, n => n.Label == "Plain");
    }

    [Fact]
    public async Task RulesCarryTitlesAndHelpLinks()
    {
        var graph = await InMemoryProject.AnalyzeAsync("public sealed class Empty { }");

        Assert.Contains(graph.Rules, r => r.Id == "OWN101");
        Assert.All(graph.Rules, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Title));
            Assert.EndsWith(r.Id + ".md", r.HelpUri, StringComparison.Ordinal);
        });
        Assert.Empty(graph.Nodes);
        Assert.Empty(graph.Findings);
    }
}
