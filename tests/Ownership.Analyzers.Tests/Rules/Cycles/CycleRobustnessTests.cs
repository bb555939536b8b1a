using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules.Cycles;

/// <summary>The native-peer rules only run when Foundation.NSObject exists: broken code must be tried with the stubs present.</summary>
public class CycleRobustnessTests
{
    public static IEnumerable<object[]> BrokenPeerSnippets()
    {
        string[] snippets =
        {
            "class V : UIView { private UIViewController _c",
            "class V : UIView { public event EventHandler",
            "class V : UIViewController { void M(UIButton b) { b.TouchUpInside += ; } }",
            "class V : UIViewController { void M(UIButton b) { b.TouchUpInside += (s, e) => Undefined(); } }",
            "class V : UIViewController { void M(UIButton b) { b.Undefined += OnTap; } void OnTap(object s, EventArgs e) { } }",
            "class V<T> : UIView where T : { public T Target; }",
            "partial class V : UIView { public UIView A; } partial class V { public UIView B",
            "class P : IDisposable { C _c = new C(this); public void Dispose() => _c.Dispose( } class C : IDisposable { P _p; public C(P p) { _p = p; } public void Dispose() => _p.Dispose(); }",
            "class P : IDisposable { P _next = new P(); P _prev; public void Dispose() { _next.Dispose(); _prev.",
        };
        return snippets.Select(s => new object[] { s });
    }

    [Theory]
    [MemberData(nameof(BrokenPeerSnippets))]
    public async Task No_analyzer_throws_on_broken_native_peer_or_cycle_code(string snippet)
    {
        var compilation = await AllAnalyzers.CompileAsync(new[] { NativePeerStubs.Source + snippet });
        var (diagnostics, exceptions) = await AllAnalyzers.RunAsync(compilation);
        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id is "OWN601" or "OWN602" or "OWN603" && d.Location.SourceTree is { } tree && tree.GetDiagnostics().Any(e => e.Severity == DiagnosticSeverity.Error && e.Location.SourceSpan.IntersectsWith(d.Location.SourceSpan)));
    }

    [Fact]
    public async Task Two_declarations_of_NSObject_do_not_throw()
    {
        var peer = "class V : UIView { private UIViewController? _c; public event EventHandler? Changed; void M(UIButton b) { b.TouchUpInside += (s, e) => _c = null; Changed?.Invoke(this, EventArgs.Empty); } }";
        var compilation = await AllAnalyzers.CompileAsync(new[] { NativePeerStubs.Source + peer, NativePeerStubs.Source });
        var (_, exceptions) = await AllAnalyzers.RunAsync(compilation);
        Assert.Empty(exceptions);
    }
}
