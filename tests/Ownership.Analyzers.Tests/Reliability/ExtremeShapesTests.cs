using System.Text;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Reliability;

/// <summary>
/// Shapes the IDE meets in real solutions that the model's summaries and type walks must
/// survive: a partial type over many files, generic types and methods that expand without end,
/// and properties and methods that call each other in cycles. Each completes (a generous
/// cancellation bound, not a timing assertion) without an exception.
/// </summary>
public class ExtremeShapesTests
{
    private const string Usings = "using System; using System.IO; using System.Threading.Tasks; using System.Collections.Generic;\n";

    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Partial_type_spread_over_fifty_files()
    {
        var sources = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            var next = (i + 1) % 50;
            sources.Add(Usings + $$"""
                public sealed partial class Big : IDisposable
                {
                    private Stream? _s{{i}} = File.OpenRead("{{i}}");
                    private Stream? _t{{i}};
                    public Stream Open{{i}}(string p) => File.OpenRead(p + {{i}});
                    public Stream Via{{i}}(string p) => Open{{next}}(p);
                    public void Use{{i}}(string p) { var s = Via{{i}}(p); s.ReadByte(); _t{{i}} = Open{{i}}(p); _t{{i}} = Open{{next}}(p); }
                    partial void Release{{i}}();
                    partial void Release{{i}}() { _s{{i}}?.Dispose(); _t{{i}}?.Dispose(); }
                    {{(i == 0 ? "public void Dispose() { " + string.Concat(Enumerable.Range(0, 50).Select(k => $"Release{k}(); ")) + "}" : string.Empty)}}
                }
                """);
        }

        var diagnostics = await RunAsync(await AllAnalyzers.CompileAsync(sources));
        Assert.Contains(diagnostics, d => d.Id == "OWN101");
    }

    [Fact]
    public async Task Generic_recursion_in_types_methods_and_constraints()
    {
        var source = Usings + """
            public class Node<T> : IDisposable where T : IDisposable
            {
                public T? Next;
                public Node<Node<T>> Wrap() => new Node<Node<T>>();
                public void Dispose() => Next?.Dispose();
            }
            public sealed class Leaf : Node<Leaf> { public Leaf() { } }
            public class Expanding<T>
            {
                public Expanding<List<T>> Deeper() => new Expanding<List<T>>();
                public Stream Open<U>(int n) => n == 0 ? File.OpenRead(typeof(U).Name) : Open<List<U>>(n - 1);
                public IDisposable Make<U>() where U : IDisposable, new() => new U();
                public void Chain<U>(U u) { Chain<Tuple<U>>(Tuple.Create(u)); var s = Open<T>(3); s.ReadByte(); }
            }
            public static class Uses
            {
                public static void M(string p)
                {
                    var leaf = new Leaf().Wrap().Wrap().Wrap();
                    var e = new Expanding<int>().Deeper().Deeper();
                    var s = e.Open<string>(5);
                    var d = e.Make<Leaf>();
                    e.Chain(File.OpenRead(p));
                    s.ReadByte();
                }
                public static T Self<T>(T t) where T : IDisposable => Self<T>(t);
                public static void N(string p) { var s = Self(File.OpenRead(p)); s.ReadByte(); }
            }
            """;
        var compilation = await AllAnalyzers.CompileAsync(new[] { source });
        await RunAsync(compilation);
    }

    [Fact]
    public async Task Mutually_recursive_properties_methods_and_local_functions()
    {
        var source = new StringBuilder(Usings).AppendLine("public class Cycles {");

        // A ring of 100 properties, each returning the next; one of them creates.
        for (var i = 0; i < 100; i++)
        {
            source.AppendLine(i == 50 ? $"public Stream P{i} => DateTime.Now.Ticks > 0 ? File.OpenRead(\"x\") : P{i + 1};" : $"public Stream P{i} => P{(i + 1) % 100};");
        }

        // A ring of methods passing a resource around, and a ring that releases it.
        for (var i = 0; i < 100; i++)
        {
            source.AppendLine($"public Stream Hand{i}(Stream s, int n) => n == 0 ? s : Hand{(i + 1) % 100}(s, n - 1);");
            source.AppendLine($"public void Drop{i}(Stream s, int n) {{ if (n == 0) s.Dispose(); else Drop{(i + 1) % 100}(s, n - 1); }}");
        }

        // Getter and setter that call each other, and local functions in a cycle.
        source.AppendLine("private Stream? _s; public Stream A { get => B; set => B = value; } public Stream B { get => A; set { _s?.Dispose(); A = value; } }");
        source.AppendLine("public void Locals(string p) { Stream F(int n) => n == 0 ? File.OpenRead(p) : G(n - 1); Stream G(int n) => F(n); var s = F(3); s.ReadByte(); }");
        source.AppendLine("public void Use(string p) { var a = P0; var b = Hand0(File.OpenRead(p), 7); Drop0(File.OpenRead(p), 5); var c = A; A = File.OpenRead(p); a.ReadByte(); b.ReadByte(); }");
        source.AppendLine("}");

        var compilation = await AllAnalyzers.CompileAsync(new[] { source.ToString() });
        await RunAsync(compilation);
    }

    private static async Task<IReadOnlyList<Diagnostic>> RunAsync(Compilation compilation)
    {
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        using var bound = new CancellationTokenSource(Bound);
        var (diagnostics, exceptions) = await AllAnalyzers.RunAsync(compilation, cancellationToken: bound.Token);
        Assert.Empty(exceptions);
        return diagnostics;
    }
}
