using System.Text;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Meta;

/// <summary>
/// The IDE runs analyzers on half-typed code at every keystroke: no analyzer may throw (AD0001)
/// on empty, broken, new-syntax or extreme code, and the answer must not depend on scheduling.
/// </summary>
public class RobustnessTests
{
    private const string Usings = "using System; using System.IO; using System.Threading.Tasks; using System.Collections.Generic;\n";

    public static IEnumerable<object[]> BrokenSnippets()
    {
        string[] snippets =
        {
            "",
            "class",
            "class C {",
            "class C { void M() { var s = File.OpenRead(",
            "class C { void M() { var s = new FileStream(; s.",
            "class C { void M() { using var s = File.OpenRead(\"a\") } }",
            "class C { void M() { Stream s = File.OpenRead(\"a\"); s = ; } }",
            "class C { Stream M() => File.OpenRead(",
            "class C { void M() { if (x is IDisposable d) d.Dispose( } }",
            "class C { void M() { foreach (var in ) { new FileStream() } } }",
            "class C { void M() { try { var s = File.OpenRead(\"a\"); } finally { s.Dispose(); } } }",
            "class C { void M() { await using var s = File.OpenRead(\"a\"); } }",
            "class C { void M() { var s = Undefined.Create(); s.Dispose(); } }",
            "class C : IDisposable { public void Dispose() => Dispose(; }",
            "class C { void M() { goto L; var s = File.OpenRead(\"a\"); L: ; } }",
            "class C { void M() { switch (1) { case 1: var s = File.OpenRead(\"a\"); break; case } } }",
            "class C { void M() { Action a = () => { var s = File.OpenRead(\"a\") ; a(; } }",
            "class C { int P { get { return new FileStream( } } }",
            "record R(Stream S) { Stream T = File.OpenRead(",
            "var s = File.OpenRead(\"a\"); s.",
        };
        return snippets.Select(s => new object[] { s });
    }

    [Theory]
    [MemberData(nameof(BrokenSnippets))]
    public async Task No_analyzer_throws_on_broken_code(string snippet)
    {
        var compilation = await AllAnalyzers.CompileAsync(new[] { Usings + snippet });
        var (_, exceptions) = await AllAnalyzers.RunAsync(compilation);
        Assert.Empty(exceptions);
    }

    [Fact]
    public async Task New_syntax_is_handled_without_exceptions_and_precisely()
    {
        var source = Usings + """
            using System.Linq;
            public sealed class Primary(Stream stream) : IDisposable
            {
                private readonly Stream _stream = stream;
                public void Dispose() => _stream.Dispose();
            }
            public class Syntax
            {
                public List<Stream> Collection(string p) => [File.OpenRead(p), File.OpenRead(p + "x")];
                public string Switch(int k, string p) => k switch { 0 => Read(File.OpenRead(p)), _ => "" };
                private static string Read(Stream s) { using (s) { return s.Length.ToString(); } }
                public async Task<long> AwaitUsing(string p) { await using var s = File.OpenRead(p); return s.Length; }
                public long LocalFunction(string p) { return Local(); long Local() { using var s = File.OpenRead(p); return s.Length; } }
                public IEnumerable<int> Iterator(string p) { using var s = File.OpenRead(p); yield return s.ReadByte(); }
                public async IAsyncEnumerable<int> AsyncIterator(string p) { await using var s = File.OpenRead(p); yield return s.ReadByte(); await Task.Yield(); }
                public (Stream, int) Tuple(string p) => (File.OpenRead(p), 1);
                public Stream Coalesce(Stream? s, string p) => s ?? File.OpenRead(p);
                public void Deconstruct(string p) { var (a, b) = (File.OpenRead(p), 2); a.Dispose(); }
                public string Interpolated => $"{1}";
                public ref struct Pooled { public void Dispose() { } }
                public void RefStruct() { using var p = new Pooled(); }
                public void Nullable(string? p) { using var s = p is null ? null : File.OpenRead(p); }
                public void Linq(string[] ps) { var all = ps.Select(File.OpenRead).ToList(); all.ForEach(s => s.Dispose()); }
            }
            """;
        var compilation = await AllAnalyzers.CompileAsync(new[] { source });
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var (diagnostics, exceptions) = await AllAnalyzers.RunAsync(compilation);
        Assert.Empty(exceptions);
        Assert.Empty(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning));
    }

    [Fact]
    public async Task Top_level_statements_are_handled()
    {
        var compilation = await AllAnalyzers.CompileAsync(new[] { Usings + "using var s = File.OpenRead(\"a\");\nvar t = File.OpenRead(\"b\");\nConsole.WriteLine(s.Length + t.Length);\n" }, OutputKind.ConsoleApplication);
        var (diagnostics, exceptions) = await AllAnalyzers.RunAsync(compilation);
        Assert.Empty(exceptions);
        Assert.Equal("OWN101", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public async Task Extremes_complete_deep_nesting_long_methods_long_chains_and_recursion()
    {
        var source = new StringBuilder(Usings);
        source.AppendLine("class Extremes {");

        // Deep nesting: 200 nested ifs around one resource.
        source.AppendLine("void Deep(int k, string p) { var s = File.OpenRead(p);");
        for (var i = 0; i < 200; i++) source.Append($"if (k > {i}) {{ ");
        source.Append("s.Dispose();");
        for (var i = 0; i < 200; i++) source.Append(" }");
        source.AppendLine("}");

        // A long method with many resources and a long else-if chain.
        source.AppendLine("void Long(int k, string p) {");
        for (var i = 0; i < 300; i++) source.AppendLine($"using var s{i} = File.OpenRead(p + {i}); if (k == {i}) return;");
        for (var i = 0; i < 300; i++) source.AppendLine($"{(i == 0 ? "" : "else ")}if (k == {i + 1000}) k++;");
        source.AppendLine("}");

        // A long switch.
        source.AppendLine("int Switch(int k, string p) { var s = File.OpenRead(p); switch (k) {");
        for (var i = 0; i < 300; i++) source.AppendLine($"case {i}: s.Dispose(); return {i};");
        source.AppendLine("default: s.Dispose(); return -1; } }");

        // Recursion and mutual recursion through summaries.
        source.AppendLine("Stream A(int n) => n == 0 ? File.OpenRead(\"a\") : B(n - 1);");
        source.AppendLine("Stream B(int n) => A(n);");
        source.AppendLine("void UseRecursive() { A(3); B(2); }");
        source.AppendLine("Stream P => Q; Stream Q => P;");
        source.AppendLine("void Generic<T>(T t) where T : IDisposable { Generic(t); }");
        source.AppendLine("}");

        var compilation = await AllAnalyzers.CompileAsync(new[] { source.ToString() });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var (_, exceptions) = await AllAnalyzers.RunAsync(compilation, cancellationToken: timeout.Token);
        Assert.Empty(exceptions);
    }

    [Fact]
    public async Task Same_diagnostics_in_the_same_order_with_and_without_concurrency()
    {
        var sources = Enumerable.Range(0, 8).Select(i => Usings + $$"""
            class C{{i}}
            {
                void A(string p) { File.OpenRead(p); var s = File.OpenRead(p); s.ReadByte(); }
                void B(string p, bool b) { var s = File.OpenRead(p); if (b) s.Dispose(); s = File.OpenRead(p); }
                Stream P => File.OpenRead("x");
            }
            """);
        var compilation = await AllAnalyzers.CompileAsync(sources);
        var runs = new List<string>();
        foreach (var concurrent in new[] { true, false, true, false })
        {
            var (diagnostics, exceptions) = await AllAnalyzers.RunAsync(compilation.Clone(), concurrent);
            Assert.Empty(exceptions);
            runs.Add(string.Join("\n", diagnostics.OrderBy(d => d.Location.SourceTree?.FilePath).ThenBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id).Select(d => d.ToString())));
        }

        Assert.NotEmpty(runs[0]);
        Assert.All(runs, run => Assert.Equal(runs[0], run));
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        var source = new StringBuilder(Usings).AppendLine("class C {");
        for (var i = 0; i < 200; i++) source.AppendLine($"void M{i}(string p) {{ var s = File.OpenRead(p); if (p.Length > {i}) s.Dispose(); }}");
        source.AppendLine("}");
        var compilation = await AllAnalyzers.CompileAsync(new[] { source.ToString() });
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AllAnalyzers.RunAsync(compilation, cancellationToken: cancelled.Token));
    }
}
