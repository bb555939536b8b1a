using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Reliability;

/// <summary>
/// The IDE (and any MSBuildWorkspace host, such as `dotnet ownership`) references the other projects
/// of a solution as compilations: their symbols come with syntax from trees that are not part of the
/// compilation being analysed. A command-line build references the same projects as assemblies. The
/// analyzers must not throw on the first (asking a compilation for a semantic model of another one's
/// tree did, in the summaries of callee bodies), and must report the same on both.
/// </summary>
public class ProjectReferenceTests
{
    private const string Library = """
        using System;
        using System.IO;
        namespace Lib;
        public static class Streams
        {
            public static Stream Open(string path) => new FileStream(path, FileMode.Open);
            public static Stream Wrap(Stream inner, bool leaveOpen) => leaveOpen ? inner : new BufferedStream(inner);
        }
        public abstract class Owner : IDisposable
        {
            protected abstract Stream? Inner { get; }
            private readonly MemoryStream _scratch = new MemoryStream();
            public event EventHandler? Changed;
            public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }
            protected virtual void Dispose(bool disposing) { if (disposing) { Inner?.Dispose(); _scratch.Dispose(); } }
            protected void Raise() => Changed?.Invoke(this, EventArgs.Empty);
        }
        public sealed class Reader : IDisposable
        {
            private readonly Stream _stream;
            private readonly bool _leaveOpen;
            public Reader(Stream stream, bool leaveOpen = false) { _stream = stream; _leaveOpen = leaveOpen; }
            public int Next() => _stream.ReadByte();
            public void Dispose() { if (!_leaveOpen) _stream.Dispose(); }
        }
        """;

    private const string App = """
        using System;
        using System.IO;
        using Lib;
        namespace App;
        public sealed class FileOwner : Owner
        {
            private readonly Stream _file = Streams.Open("a.bin");
            private readonly Reader _reader;
            private readonly StreamWriter _log = new StreamWriter("log.txt");
            public FileOwner(Owner other)
            {
                _reader = new Reader(Streams.Open("b.bin"));
                other.Changed += (_, _) => Raise();
            }
            protected override Stream? Inner => _file;
            protected override void Dispose(bool disposing) { if (disposing) _reader.Dispose(); }
        }
        public static class Use
        {
            public static int First(string path)
            {
                var reader = new Reader(Streams.Open(path));
                var kept = Streams.Wrap(Streams.Open(path), leaveOpen: false);
                return reader.Next() + kept.ReadByte();
            }
        }
        """;

    [Fact]
    public async Task Project_references_as_compilations_do_not_throw_and_report_as_assemblies_do()
    {
        var library = (await AllAnalyzers.CompileAsync(new[] { Library })).WithAssemblyName("Lib");
        Assert.Empty(library.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var app = (await AllAnalyzers.CompileAsync(new[] { App })).WithAssemblyName("App");

        var asCompilation = app.AddReferences(library.ToMetadataReference());
        Assert.Empty(asCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);
        var asAssembly = app.AddReferences(MetadataReference.CreateFromImage(image.ToArray()));

        var (inIde, exceptions) = await AllAnalyzers.RunAsync(asCompilation);
        var (inBuild, buildExceptions) = await AllAnalyzers.RunAsync(asAssembly);

        Assert.Empty(exceptions);
        Assert.Empty(buildExceptions);
        Assert.NotEmpty(inBuild);
        Assert.Equal(string.Join("\n", Keys(inBuild)), string.Join("\n", Keys(inIde)));
    }

    private static ImmutableArray<string> Keys(ImmutableArray<Diagnostic> diagnostics)
        => diagnostics.Select(d => $"{d.Id} {d.Location.GetLineSpan().StartLinePosition} {d.GetMessage()}").Order(StringComparer.Ordinal).ToImmutableArray();
}
