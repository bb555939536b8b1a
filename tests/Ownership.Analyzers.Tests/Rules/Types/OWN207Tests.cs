using Ownership.Analyzers.CodeFixes.Types;
using Ownership.Analyzers.Rules.Types;
using Ownership.Analyzers.Tests.Verifiers;
using OWN207 = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Types.OWN207DisposePatternMisuseAnalyzer>;

namespace Ownership.Analyzers.Tests.Rules.Types;

public class OWN207Tests
{
    private const string Usings = "using System; using System.IO; using System.Runtime.InteropServices;\n";

    [Fact]
    public Task SuppressFinalize_on_another_object_in_Dispose_bool_or_in_the_finalizer_is_reported() => OWN207.Diagnostics(Usings + """
        sealed class Other : IDisposable
        {
            private readonly object _peer = new object();
            public void Dispose() { {|OWN207:GC.SuppressFinalize(_peer)|}; }
        }
        class InDisposeBool : IDisposable
        {
            public void Dispose() { Dispose(true); }
            protected virtual void Dispose(bool disposing) { {|OWN207:GC.SuppressFinalize(this)|}; }
        }
        sealed class InFinalizer
        {
            ~InFinalizer() { {|OWN207:GC.SuppressFinalize(this)|}; }
        }
        """);

    [Fact]
    public Task Missing_SuppressFinalize_with_a_finalizer_or_a_virtual_hook_is_reported_and_added() => VerifyFix<OWN207DisposePatternMisuseAnalyzer, OWN207DisposePatternCodeFix>.Fix(Usings + """
        sealed class Native : IDisposable
        {
            private IntPtr _memory = Marshal.AllocHGlobal(16);
            ~Native() => Release();
            public void {|OWN207:Dispose|}() => Release();
            private void Release() { Marshal.FreeHGlobal(_memory); _memory = IntPtr.Zero; }
        }
        public class Open : IDisposable
        {
            public void {|OWN207:Dispose|}()
            {
                Dispose(true);
            }
            protected virtual void Dispose(bool disposing) { }
        }
        """, Usings + """
        sealed class Native : IDisposable
        {
            private IntPtr _memory = Marshal.AllocHGlobal(16);
            ~Native() => Release();
            public void Dispose()
            {
                Release();
                GC.SuppressFinalize(this);
            }
            private void Release() { Marshal.FreeHGlobal(_memory); _memory = IntPtr.Zero; }
        }
        public class Open : IDisposable
        {
            public void Dispose()
            {
                Dispose(true);
                GC.SuppressFinalize(this);
            }
            protected virtual void Dispose(bool disposing) { }
        }
        """);

    [Fact]
    public Task Missing_SuppressFinalize_in_a_closed_hierarchy_is_reported_only_when_a_derived_type_has_a_finalizer() => OWN207.Diagnostics(Usings + """
        // Closed (internal): every derived type is here. One adds a finalizer, so the hook matters.
        abstract class Finalized : IDisposable
        {
            public void {|OWN207:Dispose|}() { Dispose(true); }
            protected virtual void Dispose(bool disposing) { }
        }
        sealed class WithFinalizer : Finalized { ~WithFinalizer() => Dispose(false); }

        // Closed, and no derived type has a finalizer: none can ever need it suppressed.
        abstract class Quiet : IDisposable
        {
            public void Dispose() { Dispose(true); }
            protected virtual void Dispose(bool disposing) { }
        }
        sealed class Plain : Quiet { protected override void Dispose(bool disposing) { } }
        class NothingDerives : IDisposable
        {
            public void Dispose() { Dispose(true); }
            protected virtual void Dispose(bool disposing) { }
        }
        public class Outer
        {
            private abstract class Nested : IDisposable
            {
                public void Dispose() { Dispose(true); }
                protected virtual void Dispose(bool disposing) { }
            }
            private sealed class Leaf : Nested { }
        }

        // Open (public, public constructor): another assembly may add a finalizer.
        public abstract class Extensible : IDisposable
        {
            public void {|OWN207:Dispose|}() { Dispose(true); }
            protected virtual void Dispose(bool disposing) { }
        }
        """);

    [Fact]
    public Task Wrong_literal_is_reported_and_corrected() => VerifyFix<OWN207DisposePatternMisuseAnalyzer, OWN207DisposePatternCodeFix>.Fix(Usings + """
        class Resource : IDisposable
        {
            ~Resource() { Dispose({|OWN207:true|}); }
            public void Dispose() { Dispose({|OWN207:false|}); GC.SuppressFinalize(this); }
            protected virtual void Dispose(bool disposing) { }
        }
        """, Usings + """
        class Resource : IDisposable
        {
            ~Resource() { Dispose(false); }
            public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }
            protected virtual void Dispose(bool disposing) { }
        }
        """);

    [Fact]
    public Task Dispose_or_finalizer_bypassing_Dispose_bool_is_reported_without_a_fix() => VerifyFix<OWN207DisposePatternMisuseAnalyzer, OWN207DisposePatternCodeFix>.NoFix(Usings + """
        class Bypass : IDisposable
        {
            private readonly Stream _s = File.OpenRead("a");
            public void {|OWN207:Dispose|}() { _s.Dispose(); GC.SuppressFinalize(this); }
            protected virtual void Dispose(bool disposing) { if (disposing) _s.Dispose(); }
        }
        class NoFalse : IDisposable
        {
            ~{|OWN207:NoFalse|}() { }
            public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }
            protected virtual void Dispose(bool disposing) { }
        }
        """);

    [Fact]
    public Task Managed_member_released_on_the_finalizer_path_is_reported() => OWN207.Diagnostics(Usings + """
        class Unguarded : IDisposable
        {
            private readonly Stream _file = File.OpenRead("a");
            private IntPtr _native = Marshal.AllocHGlobal(8);
            ~Unguarded() { Dispose(false); }
            public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }
            protected virtual void Dispose(bool disposing)
            {
                {|OWN207:_file.Dispose()|};
                Marshal.FreeHGlobal(_native);
            }
        }
        class InTheFinalizer
        {
            private readonly Stream _file = File.OpenRead("a");
            ~InTheFinalizer() { {|OWN207:_file.Dispose()|}; }
        }
        class Host : System.ComponentModel.Component
        {
            private readonly Stream _log = File.OpenWrite("log");
            protected override void Dispose(bool disposing)
            {
                Flush();
                base.Dispose(disposing);
            }
            private void Flush() => {|OWN207:_log.Dispose()|};
        }
        """);

    [Fact]
    public Task Standard_and_equivalent_shapes_are_clean() => OWN207.Diagnostics(Usings + """
        class Standard : IDisposable
        {
            private readonly Stream _file = File.OpenRead("a");
            private IntPtr _native = Marshal.AllocHGlobal(8);
            ~Standard() { Dispose(false); }
            public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }
            protected virtual void Dispose(bool disposing)
            {
                if (disposing) { _file.Dispose(); }
                Marshal.FreeHGlobal(_native);
            }
        }
        class EarlyReturn : IDisposable
        {
            private readonly Stream _file = File.OpenRead("a");
            ~EarlyReturn() => Dispose(disposing: false);
            public void Dispose() { Dispose(disposing: true); GC.SuppressFinalize(this); }
            protected virtual void Dispose(bool disposing)
            {
                if (!disposing) return;
                _file.Dispose();
            }
        }
        class HelperFromDisposing : IDisposable
        {
            private readonly Stream _file = File.OpenRead("a");
            ~HelperFromDisposing() { Dispose(false); }
            public void Dispose() => Close();
            public void Close() { Dispose(true); GC.SuppressFinalize(this); }
            protected virtual void Dispose(bool disposing) { if (disposing) ReleaseManaged(); }
            private void ReleaseManaged() => _file.Dispose();
        }
        sealed class Simple : IDisposable
        {
            private readonly Stream _file = File.OpenRead("a");
            public void Dispose() => _file.Dispose();
        }
        sealed class SimpleWithCall : IDisposable
        {
            public void Dispose() { GC.SuppressFinalize(this); }
        }
        sealed class Handle : SafeHandle
        {
            public Handle() : base(IntPtr.Zero, true) { }
            public override bool IsInvalid => handle == IntPtr.Zero;
            protected override bool ReleaseHandle() => true;
        }
        sealed class UsesHandle : IDisposable
        {
            private readonly Handle _handle = new Handle();
            public void Dispose() => _handle.Dispose();
        }
        struct Lease : IDisposable
        {
            public void Dispose() { }
        }
        record Journal(string Path) : IDisposable
        {
            private readonly Stream _file = File.OpenRead(Path);
            public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }
            protected virtual void Dispose(bool disposing) { if (disposing) _file.Dispose(); }
        }
        class Derived : Standard
        {
            private readonly Stream _more = File.OpenRead("b");
            protected override void Dispose(bool disposing)
            {
                if (disposing) _more.Dispose();
                base.Dispose(disposing);
            }
        }
        class NoFinalizerAnywhere : IDisposable
        {
            private readonly Stream _file = File.OpenRead("a");
            public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }
            protected virtual void Dispose(bool disposing) { _file.Dispose(); }
        }
        abstract class Abstract : IDisposable
        {
            public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }
            protected abstract void Dispose(bool disposing);
        }
        class Wrapper : Stream
        {
            private readonly Stream _inner = File.OpenRead("a");
            protected override void Dispose(bool disposing) { if (disposing) _inner.Dispose(); base.Dispose(disposing); }
            public override bool CanRead => true; public override bool CanSeek => false; public override bool CanWrite => false;
            public override long Length => 0; public override long Position { get; set; }
            public override void Flush() { } public override int Read(byte[] b, int o, int c) => 0;
            public override long Seek(long o, SeekOrigin s) => 0; public override void SetLength(long v) { } public override void Write(byte[] b, int o, int c) { }
        }
        """);

    [Fact]
    public async Task Half_typed_partial_generic_and_primary_constructor_types_do_not_throw()
    {
        string[] sources =
        {
            Usings + "partial class P<T> : IDisposable where T : IDisposable { private readonly T _t; public P(T t) { _t = t; } ~P() { Dispose(false); } }",
            Usings + "partial class P<T> { public void Dispose() { Dispose(true); } protected virtual void Dispose(bool disposing) { _t.Dispose(); } }",
            Usings + "class Q(Stream s) : IDisposable { ~Q() { Dispose(tru } public void Dispose( { GC.SuppressFinalize(",
            Usings + "struct S : IDisposable { public void Dispose() { GC.SuppressFinalize(this); } } class Outer { class Inner : IDisposable { ~Inner() { } public void Dispose() { } } }",
        };
        var compilation = await AllAnalyzers.CompileAsync(sources);
        var (diagnostics, exceptions) = await AllAnalyzers.RunAsync(compilation);
        Assert.Empty(exceptions);
        Assert.Contains(diagnostics, d => d.Id == "OWN207" && d.GetMessage().Contains("'Inner' has a finalizer", StringComparison.Ordinal));
        Assert.DoesNotContain(diagnostics, d => d.Id == "OWN207" && d.Location.SourceTree!.FilePath.EndsWith("File2.cs", StringComparison.Ordinal));
    }
}
