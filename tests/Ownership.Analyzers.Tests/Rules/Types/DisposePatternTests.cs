using Ownership.Analyzers.CodeFixes.Types;
using Ownership.Analyzers.Rules.Types;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules.Types;

public class OWN206Tests
{
    private const string Base = """
        using System; using System.IO; using System.Threading.Tasks;
        class Resource : IDisposable
        {
            private readonly Stream _file = File.OpenRead("a");
            public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }
            protected virtual void Dispose(bool disposing) { if (disposing) _file.Dispose(); }
        }

        """;

    [Fact]
    public Task Override_without_base_call_is_reported_and_fixed() => VerifyFix<OWN206DisposeOverrideMissesBaseCallAnalyzer, OWN206AddBaseCallCodeFix>.Fix(Base + """
        class Derived : Resource
        {
            private readonly Stream _more = File.OpenRead("b");
            protected override void {|OWN206:Dispose|}(bool disposing)
            {
                if (disposing) _more.Dispose();
            }
        }
        """, Base + """
        class Derived : Resource
        {
            private readonly Stream _more = File.OpenRead("b");
            protected override void Dispose(bool disposing)
            {
                if (disposing) _more.Dispose();
                base.Dispose(disposing);
            }
        }
        """);

    [Fact]
    public Task Base_called_abstract_or_empty_base_are_clean() => Verify<OWN206DisposeOverrideMissesBaseCallAnalyzer>.Diagnostics(Base + """
        class Calls : Resource { protected override void Dispose(bool disposing) { base.Dispose(disposing); } }
        abstract class Abstract : IDisposable { public void Dispose() => Dispose(true); protected abstract void Dispose(bool disposing); }
        class FromAbstract : Abstract { protected override void Dispose(bool disposing) { } }
        class Empty : IDisposable { public void Dispose() => Dispose(true); protected virtual void Dispose(bool disposing) { } }
        class FromEmpty : Empty { protected override void Dispose(bool disposing) { } }
        class OwnStream : Stream
        {
            private readonly Stream _inner = File.OpenRead("x");
            protected override void Dispose(bool disposing) { if (disposing) _inner.Dispose(); }
            public override bool CanRead => true; public override bool CanSeek => false; public override bool CanWrite => false;
            public override long Length => 0; public override long Position { get; set; }
            public override void Flush() { } public override int Read(byte[] b, int o, int c) => 0;
            public override long Seek(long o, SeekOrigin s) => 0; public override void SetLength(long v) { } public override void Write(byte[] b, int o, int c) { }
        }
        """);
}

public class OWN208Tests
{
    [Fact]
    public Task Unsealed_disposable_without_virtual_hook_is_reported_and_sealed() => VerifyFix<OWN208UnsealedWithoutVirtualDisposeAnalyzer, OWN208SealTypeCodeFix>.Fix("""
        using System;
        public class {|OWN208:Handle|} : IDisposable
        {
            public void Dispose() { }
        }
        """, """
        using System;
        public sealed class Handle : IDisposable
        {
            public void Dispose() { }
        }
        """);

    [Fact]
    public Task Sealed_virtual_pattern_and_derived_types_are_clean() => Verify<OWN208UnsealedWithoutVirtualDisposeAnalyzer>.Diagnostics("""
        using System; using System.Threading.Tasks;
        public sealed class Sealed : IDisposable { public void Dispose() { } }
        public class Pattern : IDisposable { public void Dispose() => Dispose(true); protected virtual void Dispose(bool disposing) { } }
        public class VirtualDispose : IDisposable { public virtual void Dispose() { } }
        public class Derived : Pattern { protected override void Dispose(bool disposing) => base.Dispose(disposing); }
        public class AsyncPattern : IAsyncDisposable { public async ValueTask DisposeAsync() => await DisposeAsyncCore(); protected virtual ValueTask DisposeAsyncCore() => default; }
        public record Record : IDisposable { public void Dispose() { } }
        public class PrivateOnly : IDisposable { private PrivateOnly() { } public static PrivateOnly Create() => new(); public void Dispose() { } }
        public class HidesStreamDispose : System.IO.MemoryStream { public new void Dispose() { } }
        """);

    [Fact]
    public Task No_seal_fix_when_a_type_derives_from_it() => VerifyFix<OWN208UnsealedWithoutVirtualDisposeAnalyzer, OWN208SealTypeCodeFix>.NoFix("""
        using System;
        public class {|OWN208:Handle|} : IDisposable { public void Dispose() { } }
        public class Special : Handle { }
        """);

    [Fact]
    public Task No_seal_fix_when_a_generic_constraint_names_the_type() => VerifyFix<OWN208UnsealedWithoutVirtualDisposeAnalyzer, OWN208SealTypeCodeFix>.NoFix("""
        using System;
        public class {|OWN208:Context|} : IDisposable { public void Dispose() { } }
        public interface IContextFactory<TContext> where TContext : Context { TContext Create(); }
        """);
}

public class OWN209Tests
{
    [Fact]
    public Task Dispose_without_interface_is_reported_and_fixed() => VerifyFix<OWN209DisposeWithoutInterfaceAnalyzer, OWN209AddInterfaceCodeFix>.Fix("""
        using System;
        public class Connection
        {
            private readonly System.IO.Stream _socket = System.IO.File.OpenRead("socket");
            public void {|OWN209:Dispose|}() => _socket.Dispose();
        }
        """, """
        using System;
        public class Connection : IDisposable
        {
            private readonly System.IO.Stream _socket = System.IO.File.OpenRead("socket");
            public void Dispose() => _socket.Dispose();
        }
        """);

    [Fact]
    public Task Interfaces_ref_structs_and_other_signatures_are_clean() => Verify<OWN209DisposeWithoutInterfaceAnalyzer>.Diagnostics("""
        using System;
        interface IReleasable { void Dispose(); }
        class Custom : IReleasable { public void Dispose() { } }
        class Real : IDisposable { public void Dispose() { } }
        ref struct Builder { public void Dispose() { } }
        class Other { public void Dispose(bool all) { } private void Dispose() { } public static void Close() { } }
        class Generic { public System.Threading.Tasks.ValueTask<int> DisposeAsync() => default; }
        class NothingToRelease { public void Dispose() { } }
        internal sealed class InternalOnly { private readonly System.IO.Stream _s = System.IO.File.OpenRead("x"); public void Dispose() => _s.Dispose(); }
        class OnlyAFlag { private bool _disposed; public void Dispose() { _disposed = true; } public bool IsDisposed => _disposed; }
        """);

    [Fact]
    public Task A_pattern_based_async_enumerator_is_disposed_by_await_foreach() => Verify<OWN209DisposeWithoutInterfaceAnalyzer>.Diagnostics("""
        using System; using System.IO; using System.Threading; using System.Threading.Tasks;
        public sealed class Rows
        {
            public Enumerator GetAsyncEnumerator(CancellationToken token = default) => new(File.OpenText("rows"));
            public readonly struct Enumerator
            {
                private readonly TextReader _reader;
                public Enumerator(TextReader reader) => _reader = reader;
                public string Current => "";
                public ValueTask<bool> MoveNextAsync() => new(false);
                public ValueTask DisposeAsync() { _reader.Dispose(); return default; }
            }
        }
        public sealed class NotAnEnumerator
        {
            private readonly Stream _file = File.OpenRead("x");
            public string Current => "";
            public ValueTask {|OWN209:DisposeAsync|}() => _file.DisposeAsync();
        }
        """);

    [Fact]
    public Task An_abstract_base_whose_derived_types_all_implement_the_interface_is_clean() => Verify<OWN209DisposeWithoutInterfaceAnalyzer>.Diagnostics("""
        using System; using System.IO;
        public interface IScanIterator : IDisposable { bool Next(); }
        public abstract class ScanBase
        {
            private readonly Stream _file = File.OpenRead("log");
            public virtual void Dispose() => _file.Dispose();
        }
        public sealed class LogScan : ScanBase, IScanIterator { public bool Next() => false; }
        public sealed class DeltaScan : ScanBase, IDisposable { }
        public abstract class PartlyBase
        {
            private readonly Stream _file = File.OpenRead("log");
            public virtual void {|OWN209:Dispose|}() => _file.Dispose();
        }
        public sealed class Disposable : PartlyBase, IDisposable { }
        public sealed class NotDisposable : PartlyBase { }
        """);

    [Fact]
    public Task A_mutable_struct_released_through_its_field_is_not_told_to_implement_the_interface() => Verify<OWN209DisposeWithoutInterfaceAnalyzer>.Diagnostics("""
        using System; using System.IO;
        public struct SerialCore
        {
            private IDisposable _current;
            public void Set(IDisposable value) { _current?.Dispose(); _current = value; }
            public void Dispose() { _current?.Dispose(); _current = null; }
        }
        public readonly struct Handle
        {
            private readonly Stream _stream;
            public Handle(Stream stream) => _stream = stream;
            public void {|OWN209:Dispose|}() => _stream.Dispose();
        }
        """);
}

/// <summary>Regressions from the fuzz harness (issue 8): OWN209 on unresolved interfaces, OWN208's seal on odd modifier lists.</summary>
public class DisposePatternFixRegressionTests
{
    [Fact]
    public Task OWN209_is_silent_when_the_base_list_names_an_unresolved_IDisposable() => Verify<OWN209DisposeWithoutInterfaceAnalyzer>.Diagnostics("""
        using {|CS0246:Missing|}.Namespace;
        class Connection : {|CS0246:IDisposable|}
        {
            private readonly System.IO.Stream _socket = System.IO.File.OpenRead("socket");
            public void Dispose() => _socket.Dispose();
        }
        class Qualified : global::System.{|CS0234:IDisposabel|}, {|CS0246:IDisposable|}
        {
            private readonly System.IO.Stream _socket = System.IO.File.OpenRead("socket");
            public void Dispose() => _socket.Dispose();
        }
        """);

    [Fact]
    public async Task OWN209_fix_is_not_offered_twice_and_Fix_All_adds_the_interface_once()
    {
        await VerifyFix<OWN209DisposeWithoutInterfaceAnalyzer, OWN209AddInterfaceCodeFix>.Fix("""
            public partial class Connection
            {
                private readonly System.IO.Stream _socket = System.IO.File.OpenRead("socket");
                public void {|OWN209:Dispose|}() => _socket.Dispose();
            }
            public partial class Connection
            {
                public void Close() { }
            }
            """, """
            public partial class Connection : System.IDisposable
            {
                private readonly System.IO.Stream _socket = System.IO.File.OpenRead("socket");
                public void Dispose() => _socket.Dispose();
            }
            public partial class Connection
            {
                public void Close() { }
            }
            """);
    }

    [Fact]
    public Task OWN208_seal_goes_after_the_access_modifiers_and_before_partial() => VerifyFix<OWN208UnsealedWithoutVirtualDisposeAnalyzer, OWN208SealTypeCodeFix>.Fix("""
        using System;
        public partial class {|OWN208:Handle|} : IDisposable
        {
            public void Dispose() { }
        }
        [Serializable]
        public unsafe class {|OWN208:Pointer|} : IDisposable
        {
            public void Dispose() { }
        }
        """, """
        using System;
        public sealed partial class Handle : IDisposable
        {
            public void Dispose() { }
        }
        [Serializable]
        public sealed unsafe class Pointer : IDisposable
        {
            public void Dispose() { }
        }
        """);

    [Fact]
    public Task OWN208_only_for_types_something_can_derive_from() => Verify<OWN208UnsealedWithoutVirtualDisposeAnalyzer>.Diagnostics("""
        using System;
        public class {|OWN208:Open|} : IDisposable { public void Dispose() { } }
        public class {|OWN208:ForSubclasses|} : IDisposable { protected ForSubclasses() { } public void Dispose() { } }
        class {|OWN208:DerivedHere|} : IDisposable { public void Dispose() { } }
        sealed class Child : DerivedHere { private readonly System.IO.Stream _log = System.IO.File.OpenRead("log"); }
        class Internal : IDisposable { public void Dispose() { } }
        public class BuiltInside : IDisposable { internal BuiltInside() { } public void Dispose() { } }
        internal class Outer { public class Nested : IDisposable { public void Dispose() { } } }
        """);

    [Fact]
    public Task OWN208_closed_hierarchy_is_reported_only_when_a_derived_type_has_something_to_release() => Verify<OWN208UnsealedWithoutVirtualDisposeAnalyzer>.Diagnostics("""
        using System; using System.IO; using System.Threading;
        // Closed (internal, or private nested): every derived type is in this compilation.
        abstract class {|OWN208:Subscription|} : IDisposable { private readonly Stream _source = File.OpenRead("s"); public void Dispose() => _source.Dispose(); }
        sealed class Polling : Subscription { private readonly Timer _timer = new Timer(_ => { }); }
        abstract class {|OWN208:Grandparent|} : IDisposable { public void Dispose() { } }
        class Middle : Grandparent { }
        sealed class Leaf : Middle { ~Leaf() { } }
        abstract class {|OWN208:Native|} : IDisposable { public void Dispose() { } }
        sealed class Pointer : Native { private IntPtr _memory; }

        // Closed, and no derived type holds anything of its own: no derived release can be lost.
        abstract class Quiet : IDisposable { private readonly Stream _source = File.OpenRead("s"); public void Dispose() => _source.Dispose(); }
        sealed class OnDemand : Quiet { }
        sealed class Interval : Quiet { private readonly TimeSpan _every = TimeSpan.FromSeconds(1); private DateTimeOffset _last; }
        public static class Operators
        {
            private abstract class Base : IDisposable { public void Dispose() { } }
            private sealed class First : Base { private readonly string _name = "first"; }
        }

        // Open: another assembly can derive and add a resource.
        public abstract class {|OWN208:Extensible|} : IDisposable { public void Dispose() { } protected Extensible() { } }
        public sealed class Quieter : Extensible { }
        """);

    [Fact]
    public Task OWN208_a_virtual_hook_by_another_name_that_Dispose_calls_is_a_hook() => Verify<OWN208UnsealedWithoutVirtualDisposeAnalyzer>.Diagnostics("""
        using System;
        public abstract class Observer : IDisposable
        {
            public void Dispose() { Unsubscribe(); DisposeCore(); }
            protected virtual void DisposeCore() { }
            private void Unsubscribe() { }
        }
        public class {|OWN208:Plain|} : IDisposable
        {
            public void Dispose() { Cleanup(); }
            private void Cleanup() { }
            protected virtual void NotCalled() { }
        }
        """);

    [Fact]
    public Task OWN208_seal_is_not_offered_on_an_invalid_modifier_list() => VerifyFix<OWN208UnsealedWithoutVirtualDisposeAnalyzer, OWN208SealTypeCodeFix>.NoFix("""
        using System;
        public async class {|CS0106:{|OWN208:Handle|}|} : IDisposable
        {
            public void Dispose() { }
        }
        """);
}
