using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules.Pools;

/// <summary>Half-typed pool, pointer and handle code must not make any analyzer throw, nor report.</summary>
public class PoolRobustnessTests
{
    private const string Usings = "using System; using System.Buffers; using System.Runtime.InteropServices;\n";

    /// <summary>Code with semantic errors: the body is skipped, so there is no finding either.</summary>
    public static IEnumerable<object[]> SemanticErrors()
    {
        string[] snippets =
        {
            "class C { void M() { var b = ArrayPool<>.Shared.Rent(1); } }",
            "class C { void M() { var b = ArrayPool<Missing>.Shared.Rent(1); } }",
            "class C { void M() { var p = Marshal.AllocHGlobal(); Marshal.FreeHGlobal(p, 1); } }",
            "unsafe class C { void M() { var p = NativeMemory.Alloc(10); NativeMemory.Free(p, p); } }",
            "class C { void M() { var h = GCHandle.Alloc(); h.Free(1); } }",
        };
        return snippets.Select(s => new object[] { s });
    }

    /// <summary>Half-typed code (syntax errors): no analyzer may throw.</summary>
    public static IEnumerable<object[]> SyntaxErrors()
    {
        string[] snippets =
        {
            "class C { void M() { var b = ArrayPool<byte>.Shared.Rent(",
            "class C { void M() { var b = ArrayPool<byte>.Shared.Rent(1); ArrayPool<byte>.Shared.Return( } }",
            "class C { void M() { var h = GCHandle.Alloc(this); h. } }",
            "class C { void M() { Span<byte> s = stackalloc byte[4] : ArrayPool<byte>.Shared.Rent(4); } }",
            "class C { byte[] P => ArrayPool<byte>.Shared.Rent(1) }",
            "unsafe class C { void M() { byte* p = (byte*)NativeMemory.Alloc(4); p[ = 1; } }",
        };
        return snippets.Select(s => new object[] { s });
    }

    [Theory]
    [MemberData(nameof(SemanticErrors))]
    public async Task No_analyzer_throws_or_reports_on_pool_code_with_errors(string snippet)
    {
        var compilation = await AllAnalyzers.CompileAsync(new[] { Usings + snippet });
        var (diagnostics, exceptions) = await AllAnalyzers.RunAsync(compilation);
        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("OWN5", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(SyntaxErrors))]
    public async Task No_analyzer_throws_on_half_typed_pool_code(string snippet)
    {
        var compilation = await AllAnalyzers.CompileAsync(new[] { Usings + snippet });
        var (_, exceptions) = await AllAnalyzers.RunAsync(compilation);
        Assert.Empty(exceptions);
    }
}
