using Ownership.Analyzers.Rules.Lifetimes;
using Ownership.Analyzers.Rules.Locals;
using Ownership.Analyzers.Rules.Roots;
using Ownership.Analyzers.Rules.Types;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules;

/// <summary>Facts about releases and hand-overs, each with a report and clean twins.</summary>
public class ReleaseAndHandOverFactTests
{
    private const string Usings = "using System; using System.IO; using System.Threading; using System.Threading.Tasks; using System.Buffers; using System.Collections.Generic;\n";

    [Fact]
    public Task A_release_only_in_a_catch_handler_does_not_release_the_instance() => Verify<OWN301UsedAfterReleaseAnalyzer>.Diagnostics(Usings + """
        sealed class Conn : IAsyncDisposable
        {
            private readonly Stream _socket = File.OpenRead("socket");
            public async ValueTask ConnectAsync()
            {
                try { await Task.Yield(); }
                catch { await DisposeAsync(); throw; }
            }
            public async ValueTask CloseAsync() => await DisposeAsync();
            public ValueTask DisposeAsync() { _socket.Dispose(); return default; }
            public long Length => _socket.Length + 0L;
            public long Size() => _socket.Length;
        }
        static class Factory
        {
            static async Task<Conn> OpenAsync()
            {
                var conn = new Conn();
                await conn.ConnectAsync();
                return conn;
            }
            static async Task<long> Closed()
            {
                var conn = new Conn();
                await conn.CloseAsync();
                return {|OWN301:conn|}.Size();
            }
        }
        """);

    [Fact]
    public Task Calls_on_what_holds_nothing_release_nothing() => Verify<OWN201OwningTypeNotDisposableAnalyzer>.Diagnostics(Usings + """
        sealed class Releaser : IDisposable
        {
            private readonly SemaphoreSlim _gate;
            public Releaser(SemaphoreSlim gate) => _gate = gate;
            public void Dispose() => _gate.Release();
        }
        sealed class Locking
        {
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
            private readonly Releaser _releaser;
            public Locking() => _releaser = new Releaser(_gate);
            public IDisposable Lock() { _gate.Wait(); return _releaser; }
        }
        sealed class {|OWN201:Logging|}
        {
            private readonly Stream _log = File.OpenWrite("log");
            public void Write(byte b) => _log.WriteByte(b);
        }
        """);

    [Fact]
    public Task A_manager_memory_view_stands_for_the_manager() => Verify<OWN102CreatedResourceDiscardedAnalyzer>.Diagnostics(Usings + """
        sealed class ArrayManager : MemoryManager<byte>
        {
            private readonly byte[] _array;
            public ArrayManager(byte[] array) => _array = array;
            public override Span<byte> GetSpan() => _array;
            public override MemoryHandle Pin(int elementIndex = 0) => default;
            public override void Unpin() { }
            protected override void Dispose(bool disposing) { }
        }
        sealed class FileManager : MemoryManager<byte>
        {
            private readonly Stream _file = File.OpenRead("data");
            public override Span<byte> GetSpan() => Span<byte>.Empty;
            public override MemoryHandle Pin(int elementIndex = 0) => default;
            public override void Unpin() { }
            protected override void Dispose(bool disposing) { if (disposing) _file.Dispose(); }
        }
        class C
        {
            Memory<byte> View(byte[] data) => new ArrayManager(data).Memory;
            int Length() => {|OWN102:new FileManager()|}.GetSpan().Length;
        }
        """);

    [Fact]
    public Task A_member_passed_through_a_chained_local_to_an_owning_wrapper_is_released_with_it() => Verify<OWN202OwnedMemberNotReleasedAnalyzer>.Diagnostics(Usings + """
        sealed class Counting : Stream
        {
            private readonly Stream _inner;
            public Counting(Stream inner) => _inner = inner;
            public long Count { get; private set; }
            protected override void Dispose(bool disposing) { if (disposing) _inner.Dispose(); base.Dispose(disposing); }
            public override void Write(byte[] buffer, int offset, int count) { _inner.Write(buffer, offset, count); Count += count; }
            public override void Flush() => _inner.Flush();
            public override bool CanRead => false; public override bool CanSeek => false; public override bool CanWrite => true;
            public override long Length => _inner.Length; public override long Position { get => 0; set { } }
            public override int Read(byte[] b, int o, int c) => 0; public override long Seek(long o, SeekOrigin s) => 0; public override void SetLength(long v) { }
        }
        sealed class LogFile : IDisposable
        {
            private readonly Counting _counting;
            private readonly TextWriter _output;
            private readonly Counting {|OWN202:_spare|} = new Counting(File.OpenWrite("spare"));
            public LogFile(string path)
            {
                Stream output = _counting = new Counting(File.OpenWrite(path));
                _output = new StreamWriter(output);
            }
            public long Written => _counting.Count;
            public void Dispose() => _output.Dispose();
        }
        """);

    [Fact]
    public Task A_settable_member_of_an_options_parameter_is_handed_over() => Verify<OWN204BorrowedResourceReleasedAnalyzer>.Diagnostics(Usings + """
        sealed record LimiterOptions(Stream Store);
        sealed class Other { public Stream Stream { get; } = File.OpenRead("other"); }
        sealed class Limiter : IDisposable
        {
            private readonly Stream _store;
            private readonly Stream _borrowed;
            public Limiter(LimiterOptions options, Other other) { _store = options.Store; _borrowed = other.Stream; }
            public void Dispose() { _store.Dispose(); {|OWN204:_borrowed.Dispose()|}; }
        }
        """);

    [Fact]
    public Task Reference_tuples_of_types_are_bounded_keys() => Verify<OWN406StaticCollectionOnlyGrowsAnalyzer>.Diagnostics(Usings + """
        using System.Collections.Concurrent;
        class Converters
        {
            private static readonly ConcurrentDictionary<Tuple<Type, Type>, object> s_converters = new();
            private static readonly ConcurrentDictionary<Tuple<Type, string>, object> {|OWN406:s_named|} = new();
            public static object For(Type from, Type to) => s_converters.GetOrAdd(Tuple.Create(from, to), _ => new object());
            public static object Named(Type from, string name) => s_named.GetOrAdd(Tuple.Create(from, name), _ => new object());
        }
        """);

    [Fact]
    public Task A_source_view_over_a_borrowed_resource_releases_only_what_others_own() => Verify<OWN101DisposeCreatedResourceAnalyzer>.Diagnostics(Usings + """
        struct WriterView : IDisposable
        {
            private readonly Stream _output;
            private int _written;
            public WriterView(Stream output) { _output = output ?? throw new ArgumentNullException(nameof(output)); _written = 0; }
            public void Write(byte b) { _output.WriteByte(b); _written++; }
            public void Dispose() => _output.Dispose();
        }
        class C
        {
            void Borrowed(Stream output) { var view = new WriterView(output); view.Write(1); }
            void Owned(string path) { var view = {|OWN101:new WriterView(File.OpenWrite(path))|}; view.Write(1); }
        }
        """);

    [Fact]
    public Task A_view_that_releases_and_restores_its_member_through_a_local_copy_releases_only_what_others_own() => Verify<OWN101DisposeCreatedResourceAnalyzer>.Diagnostics(Usings + """
        ref struct WriterState
        {
            private Stream _output;
            private int _position;
            public WriterState(Stream output) { this = default; _output = output; }
            public void Write(byte b) { _output.WriteByte(b); _position++; }
            public int Reset() { var output = _output; var at = _position; this = default; _output = output; return at; }
            public void Dispose() { var output = _output; this = default; output?.Dispose(); }
        }
        class C
        {
            int Borrowed(Stream output) { var state = new WriterState(output); state.Write(1); return state.Reset(); }
            int Owned(string path) { var state = {|OWN101:new WriterState(File.OpenWrite(path))|}; state.Write(1); return state.Reset(); }
        }
        """);

    [Fact]
    public Task A_member_replaced_through_a_local_is_not_only_what_the_view_was_given() => Verify<OWN101DisposeCreatedResourceAnalyzer>.Diagnostics(Usings + """
        struct WriterState : IDisposable
        {
            private Stream _output;
            public WriterState(Stream output) { _output = output; }
            public void Redirect(string path) { var output = _output; output = File.OpenWrite(path); _output = output; }
            public void Dispose() { var output = _output; output.Dispose(); }
        }
        class C
        {
            void Borrowed(Stream output) { var state = {|OWN101:new WriterState(output)|}; state.Redirect("x"); }
        }
        """);

    [Fact]
    public Task A_request_message_and_in_memory_content_release_nothing() => Verify<OWN101DisposeCreatedResourceAnalyzer>.Diagnostics(Usings + """
        using System.Net.Http;
        class C
        {
            private readonly HttpClient _client = new HttpClient();
            async Task<int> Send(string json)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "https://example.com") { Content = new StringContent(json) };
                var response = await {|OWN101:_client.SendAsync(request)|};
                return (int)response.StatusCode;
            }
        }
        """);

    [Fact]
    public Task A_result_that_keeps_its_receiver_stands_for_it() => Verify<OWN101DisposeCreatedResourceAnalyzer>.Diagnostics(Usings + """
        sealed class Logger : IDisposable
        {
            private readonly Stream _sink = File.OpenWrite("log");
            public Scoped ForContext(string name) => new Scoped(this, name);
            public Scoped Detached(string name) => new Scoped(null, name);
            public void Dispose() => _sink.Dispose();
        }
        sealed class Scoped : IDisposable
        {
            private readonly Logger? _inner;
            public Scoped(Logger? inner, string name) => _inner = inner;
            public void Dispose() => _inner?.Dispose();
        }
        class C
        {
            Scoped Contextual() { var logger = new Logger(); return logger.ForContext("a"); }
            Scoped Lost() { var logger = {|OWN101:new Logger()|}; return logger.Detached("a"); }
        }
        """);
}
