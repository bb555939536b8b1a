using OWN103 = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Locals.OWN103ReleaseNotInFinallyAnalyzer>;
using OWN104 = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Locals.OWN104LocalOverwrittenWhileOwningAnalyzer>;
using OWN105 = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Locals.OWN105AsyncDisposableDisposedSynchronouslyAnalyzer>;
using OWN106 = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Locals.OWN106ResourceReturnedThroughNonDisposableAnalyzer>;

namespace Ownership.Analyzers.Tests.Rules.Locals;

public class OWN103Tests
{
    private const string Usings = "using System; using System.IO; using System.Threading.Tasks;\n";

    [Fact]
    public Task Dispose_after_a_throwing_call_is_reported() => OWN103.Diagnostics(Usings + """
        class C
        {
            string M(string path)
            {
                var reader = {|OWN103:new StreamReader(path)|};
                var text = reader.ReadToEnd();
                reader.Dispose();
                return text;
            }
        }
        """);

    [Fact]
    public Task A_try_or_using_that_begins_after_a_throwing_call_is_reported() => OWN103.Diagnostics(Usings + """
        using System.Runtime.InteropServices;
        class C
        {
            static int Produce(IntPtr value) => 0;
            int Pin(byte[] value, int offset)
            {
                var pin = {|OWN103:GCHandle.Alloc(value, GCHandleType.Pinned)|};
                if (offset < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(offset));
                }

                try
                {
                    return Produce(pin.AddrOfPinnedObject());
                }
                finally
                {
                    pin.Free();
                }
            }
            string Late(string path)
            {
                var reader = {|OWN103:new StreamReader(path)|};
                Console.WriteLine(path);
                using (reader)
                {
                    return reader.ReadToEnd();
                }
            }
        }
        """);

    [Fact]
    public Task A_try_or_using_that_begins_right_after_the_creation_is_clean() => OWN103.Diagnostics(Usings + """
        using System.Runtime.InteropServices;
        class C
        {
            static int Produce(IntPtr value) => 0;
            int Pin(byte[] value)
            {
                var pin = GCHandle.Alloc(value, GCHandleType.Pinned);
                try
                {
                    return Produce(pin.AddrOfPinnedObject());
                }
                finally
                {
                    pin.Free();
                }
            }
            string Early(string path)
            {
                var reader = new StreamReader(path);
                using (reader)
                {
                    Console.WriteLine(path);
                    return reader.ReadToEnd();
                }
            }
        }
        """);

    [Fact]
    public Task Using_finally_catch_and_nothing_between_are_clean() => OWN103.Diagnostics(Usings + """
        class C
        {
            string A(string path) { using var reader = new StreamReader(path); return reader.ReadToEnd(); }
            string B(string path)
            {
                var reader = new StreamReader(path);
                try { return reader.ReadToEnd(); }
                finally { reader.Dispose(); }
            }
            void D(string path) { var s = File.OpenRead(path); s.Dispose(); }
            string E(string path)
            {
                var reader = new StreamReader(path);
                try { var t = reader.ReadToEnd(); reader.Dispose(); return t; }
                catch { reader.Dispose(); throw; }
            }
            string F(string path)
            {
                StreamReader reader = null;
                try { reader = new StreamReader(path); var t = reader.ReadToEnd(); reader.Dispose(); return t; }
                catch { reader?.Dispose(); throw; }
            }
        }
        """);

    [Fact]
    public Task Release_in_try_with_a_finally_that_releases_what_is_left_is_clean() => OWN103.Diagnostics(Usings + """
        class C
        {
            string A(string path)
            {
                StreamReader reader = null;
                try { reader = new StreamReader(path); var t = reader.ReadToEnd(); reader.Dispose(); reader = null; return t; }
                finally { if (reader != null) reader.Dispose(); }
            }
            string B(string path)
            {
                Stream stream = null;
                try { stream = File.OpenRead(path); var b = stream.ReadByte(); stream.Close(); stream = null; return b.ToString(); }
                finally { stream?.Dispose(); }
            }
            void Pooled(Stream stream)
            {
                byte[]? rented = System.Buffers.ArrayPool<byte>.Shared.Rent(64);
                try { stream.Write(rented, 0, 64); System.Buffers.ArrayPool<byte>.Shared.Return(rented); rented = null; }
                finally { if (rented != null) System.Buffers.ArrayPool<byte>.Shared.Return(rented); }
            }
        }
        """);

    [Fact]
    public Task A_finally_that_releases_another_local_does_not_protect() => OWN103.Diagnostics(Usings + """
        class C
        {
            string A(string path, Stream other)
            {
                var reader = {|OWN103:new StreamReader(path)|};
                try { var t = reader.ReadToEnd(); reader.Dispose(); return t; }
                finally { other.Dispose(); }
            }
        }
        """);

    [Fact]
    public Task Leaked_or_transferred_resources_are_not_this_rules_business() => OWN103.Diagnostics(Usings + """
        class C
        {
            Stream A(string path) { var s = File.OpenRead(path); s.ReadByte(); return s; }
            void B(string path) { var s = File.OpenRead(path); s.ReadByte(); }
        }
        """);
}

public class OWN104Tests
{
    private const string Usings = "using System; using System.IO;\n";

    [Fact]
    public Task Overwrite_while_owning_is_reported() => OWN104.Diagnostics(Usings + """
        class C
        {
            void M(string a, string b)
            {
                var s = File.OpenRead(a);
                {|OWN104:s = File.OpenRead(b)|};
                s.Dispose();
            }
        }
        """);

    [Fact]
    public Task Overwrite_in_loop_is_reported() => OWN104.Diagnostics(Usings + """
        class C
        {
            void M(string[] paths)
            {
                Stream s = null;
                foreach (var p in paths)
                {
                    {|OWN104:s = File.OpenRead(p)|};
                }

                s?.Dispose();
            }
        }
        """);

    [Fact]
    public Task Released_or_wrapped_before_overwrite_is_clean() => OWN104.Diagnostics(Usings + """
        class C
        {
            void M(string a, string b, Stream borrowed)
            {
                var s = File.OpenRead(a);
                s.Dispose();
                s = File.OpenRead(b);
                s.Dispose();

                Stream t = File.OpenRead(a);
                t = new BufferedStream(t);
                t.Dispose();

                var u = borrowed;
                u = File.OpenRead(b);
                u.Dispose();

                Stream v = null;
                v = File.OpenRead(a);
                v.Dispose();
            }
        }
        """);
}

public class OWN103PooledTests
{
    [Fact]
    public Task A_builder_that_only_returns_pooled_arrays_is_not_lost_on_an_exception_path() => Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Locals.OWN103ReleaseNotInFinallyAnalyzer>.Diagnostics("""
        using System; using System.Buffers; using System.IO;
        ref struct Builder
        {
            private byte[] _buffer;
            public Builder(int size) => _buffer = ArrayPool<byte>.Shared.Rent(size);
            public void Append(byte b) => _buffer[0] = b;
            public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
        }
        class C
        {
            void Pooled(Stream input)
            {
                var builder = new Builder(16);
                builder.Append((byte)input.ReadByte());
                builder.Dispose();
            }
            void File(string path)
            {
                var stream = {|OWN103:System.IO.File.OpenRead(path)|};
                stream.ReadByte();
                stream.Dispose();
            }
        }
        """);
}

public class OWN105Tests
{
    private const string Usings = "using System; using System.IO; using System.Threading.Tasks;\n";

    [Fact]
    public Task Sync_release_in_async_method_is_reported() => OWN105.Diagnostics(Usings + """
        class C
        {
            async Task M(string path)
            {
                {|OWN105:using|} var s = File.OpenWrite(path);
                await s.WriteAsync(new byte[1]);
                var t = File.OpenWrite(path);
                await t.FlushAsync();
                {|OWN105:t.Dispose()|};
            }
        }
        """);

    [Fact]
    public Task An_awaited_teardown_that_returns_a_task_is_an_asynchronous_release() => OWN105.Diagnostics(Usings + """
        sealed class Session : IAsyncDisposable, IDisposable
        {
            private readonly Stream _data = File.OpenWrite("data");
            public async Task CloseAsync() => await DisposeAsync();
            public void Close() => Dispose();
            public ValueTask DisposeAsync() => _data.DisposeAsync();
            public void Dispose() => _data.Dispose();
            public Task SendAsync() => _data.FlushAsync();
        }
        class C
        {
            async Task Closed()
            {
                var session = new Session();
                await session.SendAsync();
                await session.CloseAsync();
            }
            async Task ClosedSynchronously()
            {
                var session = new Session();
                await session.SendAsync();
                {|OWN105:session.Close()|};
            }
        }
        """);

    [Fact]
    public Task A_local_declared_as_a_class_without_its_own_DisposeAsync_is_clean_and_its_base_is_not() => OWN105.Diagnostics(Usings + """
        abstract class Channel : IAsyncDisposable, IDisposable
        {
            public abstract ValueTask DisposeAsync();
            public abstract void Dispose();
            public abstract int Count { get; }
        }
        // Its DisposeAsync only calls Dispose: awaiting it changes nothing.
        class LocalChannel : Channel
        {
            public override ValueTask DisposeAsync() { Dispose(); return default; }
            public override void Dispose() { }
            public override int Count => 0;
        }
        static class Factory
        {
            public static async Task<Channel> OpenAsync() { await Task.Yield(); return new LocalChannel(); }
        }
        class C
        {
            async Task<int> Narrowed()
            {
                using var channel = (LocalChannel)await Factory.OpenAsync();
                return channel.Count;
            }
            async Task<int> AsCreated()
            {
                {|OWN105:using|} var channel = await Factory.OpenAsync();
                return channel.Count;
            }
        }
        """);

    [Fact]
    public Task Await_using_and_sync_methods_are_clean() => OWN105.Diagnostics(Usings + """
        class Sync : IDisposable { public void Dispose() { } }
        class C
        {
            async Task M(string path)
            {
                await using var s = File.OpenWrite(path);
                var t = File.OpenWrite(path);
                await t.DisposeAsync();
                using var u = new Sync();
                await Task.Yield();
            }
            void N(string path) { using var s = File.OpenWrite(path); }
        }
        """);

    [Fact]
    public Task Sync_branch_of_an_async_flag_is_clean_and_its_twin_reported() => OWN105.Diagnostics(Usings + """
        class C
        {
            async ValueTask Save(string path, byte[] data, bool async)
            {
                var file = new FileStream(path, FileMode.Create);
                try
                {
                    if (async) await file.WriteAsync(data); else file.Write(data);
                }
                finally
                {
                    if (async)
                        await file.DisposeAsync();
                    else
                        file.Dispose();
                }
            }

            async ValueTask Twin(string path, byte[] data)
            {
                var file = new FileStream(path, FileMode.Create);
                await file.WriteAsync(data);
                {|OWN105:file.Dispose()|};
            }
        }
        """);

    [Fact]
    public Task Types_whose_DisposeAsync_only_calls_Dispose_and_read_only_files_are_clean() => OWN105.Diagnostics(Usings + """
        sealed class Adapter : Stream
        {
            public override bool CanRead => true; public override bool CanSeek => false; public override bool CanWrite => false;
            public override long Length => 0; public override long Position { get; set; }
            public override void Flush() { } public override int Read(byte[] b, int o, int c) => 0;
            public override long Seek(long o, SeekOrigin s) => 0; public override void SetLength(long v) { } public override void Write(byte[] b, int o, int c) { }
            protected override void Dispose(bool disposing) => Console.WriteLine("closed");
        }
        sealed class Forwarding : IDisposable, IAsyncDisposable
        {
            public void Dispose() => Console.WriteLine("closed");
            public ValueTask DisposeAsync() { Dispose(); return default; }
        }
        class C
        {
            async Task M(string path)
            {
                using var adapter = new Adapter();
                using var forwarding = new Forwarding();
                using var read = File.OpenRead(path);
                using var open = new FileStream(path, FileMode.Open, FileAccess.Read);
                await Task.Yield();
            }
        }
        """);
}

public class OWN106Tests
{
    private const string Usings = "using System; using System.IO; using System.Collections.Generic;\n";

    [Fact]
    public Task Declared_type_with_a_release_the_created_type_overrides_is_clean() => OWN106.Diagnostics(Usings + """
        abstract class Reader
        {
            public abstract int Read();
            public abstract void Complete(Exception error = null);
        }
        interface ICompletable { void Complete(); }
        sealed class FileReader : Reader, IDisposable
        {
            private readonly Stream _file;
            public FileReader(string path) => _file = File.OpenRead(path);
            public override int Read() => _file.ReadByte();
            public override void Complete(Exception error = null) => Dispose();
            public void Dispose() => _file.Dispose();
        }
        sealed class Job : ICompletable, IDisposable
        {
            private readonly Stream _log = File.OpenWrite("log");
            public void Complete() { Dispose(); }
            public void Dispose() => _log.Dispose();
        }
        sealed class Forgetful : Reader, IDisposable
        {
            private readonly Stream _file = File.OpenRead("x");
            public override int Read() => _file.ReadByte();
            public override void Complete(Exception error = null) { }
            public void Dispose() => _file.Dispose();
        }
        static class Factory
        {
            public static Reader Open(string path) => new FileReader(path);
            public static ICompletable Start() => new Job();
            public static Reader Leaky() => {|OWN106:new Forgetful()|};
        }
        """);

    [Fact]
    public Task A_proxy_manager_over_a_looked_up_manager_wraps_a_borrowed_value() => OWN106.Diagnostics("""
        using System; using System.Buffers; using System.IO; using System.Runtime.InteropServices;
        internal sealed class Proxy<TFrom, TTo> : MemoryManager<TTo> where TFrom : unmanaged where TTo : unmanaged
        {
            private readonly MemoryManager<TFrom> _inner;
            public Proxy(MemoryManager<TFrom> inner) => _inner = inner;
            public override Span<TTo> GetSpan() => default;
            public override MemoryHandle Pin(int elementIndex = 0) => default;
            public override void Unpin() { }
            protected override void Dispose(bool disposing) => ((IDisposable)_inner).Dispose();
        }
        internal sealed class FileManager : MemoryManager<byte>
        {
            private readonly Stream _file = File.OpenRead("data");
            public override Span<byte> GetSpan() => default;
            public override MemoryHandle Pin(int elementIndex = 0) => default;
            public override void Unpin() { }
            protected override void Dispose(bool disposing) => _file.Dispose();
        }
        static class Casts
        {
            public static ReadOnlyMemory<int> Cast(ReadOnlyMemory<byte> memory)
                => MemoryMarshal.TryGetMemoryManager(memory, out MemoryManager<byte>? manager) ? new Proxy<byte, int>(manager!).Memory : default;
            public static ReadOnlyMemory<int> FromFile() => {|OWN106:new Proxy<byte, int>(new FileManager())|}.Memory;
        }
        """);

    [Fact]
    public Task Property_creating_per_get_is_reported() => OWN106.Diagnostics(Usings + """
        class C
        {
            private readonly string _path = "a";
            public Stream Data => {|OWN106:File.OpenRead(_path)|};
            public Stream Other { get { return {|OWN106:new FileStream(_path, FileMode.Open)|}; } }
        }
        """);

    [Fact]
    public Task Created_resource_returned_as_non_disposable_is_reported() => OWN106.Diagnostics(Usings + """
        interface IReader { int Read(); }
        sealed class FileReader : IReader, IDisposable
        {
            private readonly Stream _file = File.OpenRead("data");
            public int Read() => _file.ReadByte();
            public void Dispose() => _file.Dispose();
        }
        class C
        {
            public IReader Open() => {|OWN106:new FileReader()|};
            public object Raw(string p) { var s = {|OWN106:File.OpenRead(p)|}; return s; }
        }
        """);

    [Fact]
    public Task Disposable_return_types_lazy_properties_and_iterators_are_clean() => OWN106.Diagnostics(Usings + """
        class C
        {
            private Stream _cached;
            public Stream Lazy => _cached ??= File.OpenRead("a");
            public Stream Open(string p) => File.OpenRead(p);
            public IDisposable OpenAny(string p) => File.OpenRead(p);
            public IEnumerable<Stream> All(string[] ps) { foreach (var p in ps) yield return File.OpenRead(p); }
            public T Make<T>() where T : IDisposable, new() => new T();
            public Func<Stream> Factory => () => File.OpenRead("b");
        }
        """);

    [Fact]
    public Task Members_whose_return_type_is_fixed_by_a_base_or_an_interface_are_clean() => OWN106.Diagnostics(Usings + """
        sealed class Connection : IDisposable, ICloneable
        {
            public void Dispose() { }
            object ICloneable.Clone() => new Connection();
            public override string ToString() => "connection";
        }
        abstract class Source { public abstract object Open(); }
        sealed class FileSource : Source
        {
            public override object Open() => File.OpenRead("data");
        }
        interface IOpener { object Open(); }
        sealed class Opener : IOpener
        {
            public object Open() => File.OpenRead("data");
            public object OpenAgain() => {|OWN106:File.OpenRead("data")|};
        }
        // An interface that declares a property: its implementation cannot become a method.
        interface IFileAbstraction { Stream ReadStream { get; } }
        sealed class LocalFile : IFileAbstraction
        {
            public Stream ReadStream => File.OpenRead("data");
            public Stream WriteStream => {|OWN106:File.OpenWrite("data")|};
        }
        sealed class ExplicitFile : IFileAbstraction
        {
            Stream IFileAbstraction.ReadStream => File.OpenRead("data");
        }
        abstract class Media { public abstract Stream Content { get; } }
        sealed class LocalMedia : Media
        {
            public override Stream Content => File.OpenRead("data");
        }
        """);
}
