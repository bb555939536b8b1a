using OWN202 = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Types.OWN202OwnedMemberNotReleasedAnalyzer>;
using OWN204 = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Types.OWN204BorrowedResourceReleasedAnalyzer>;
using OWN205 = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Types.OWN205MemberOwnedAndBorrowedAnalyzer>;

namespace Ownership.Analyzers.Tests.Rules.Types;

public class OWN202Tests
{
    private const string Usings = "using System; using System.IO; using System.Net.Http; using System.Threading; using System.Threading.Tasks;\n";

    [Fact]
    public Task Owned_member_forgotten_in_Dispose_is_reported() => OWN202.Diagnostics(Usings + """
        sealed class Archive : IDisposable
        {
            private readonly Stream _index = File.OpenRead("index");
            private readonly Stream {|OWN202:_data|};
            public Archive(string path) { _data = File.OpenRead(path); }
            public void Dispose() => _index.Dispose();
        }
        class Base : IDisposable { public void Dispose() { Dispose(true); } protected virtual void Dispose(bool disposing) { } }
        class Derived : Base
        {
            private readonly Mutex {|OWN202:_mutex|} = new Mutex(false, "name");
        }
        """);

    [Fact]
    public Task Released_in_every_supported_way_is_clean() => OWN202.Diagnostics(Usings + """
        class Pattern : IDisposable
        {
            private Stream _a = File.OpenRead("a");
            private Stream _b = File.OpenRead("b");
            private Stream _c = File.OpenRead("c");
            private Stream _d = File.OpenRead("d");
            private Stream _e = File.OpenRead("e");
            private Stream _f = File.OpenRead("f");
            public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }
            protected virtual void Dispose(bool disposing)
            {
                if (disposing)
                {
                    _a?.Dispose();
                    ((IDisposable)_b).Dispose();
                    Interlocked.Exchange(ref _c, null)?.Dispose();
                    var d = _d; _d = null; d?.Dispose();
                    Close();
                    using (_f) { }
                }
            }
            private void Close() => _e.Close();
        }
        sealed class AsyncOwner : IAsyncDisposable
        {
            private readonly Stream _s = File.OpenRead("a");
            public async ValueTask DisposeAsync() => await _s.DisposeAsync();
        }
        sealed class Flagged : IDisposable
        {
            private readonly Stream _s;
            private readonly bool _ownsStream;
            public Flagged(Stream s, bool owns) { _s = s; _ownsStream = owns; }
            public Flagged(string path) : this(File.OpenRead(path), true) { }
            public void Dispose() { if (_ownsStream) _s.Dispose(); }
        }
        """);

    private const string Reactive = """

        namespace System.Reactive.Disposables
        {
            public sealed class CompositeDisposable : System.IDisposable
            {
                public CompositeDisposable(params System.IDisposable[] disposables) { }
                public void Dispose() { }
            }
        }
        """;

    [Fact]
    public Task Members_handed_to_a_composite_the_type_releases_are_released() => OWN202.Diagnostics(Usings + "using System.Reactive.Disposables;\n" + """
        sealed class TargetTyped : IDisposable
        {
            private readonly Timer _children = new Timer(_ => { });
            private readonly CompositeDisposable _cleanUp;
            public TargetTyped() { Data = File.OpenRead("x"); _cleanUp = new(Data, _children); }
            public Stream Data { get; }
            public void Dispose() => _cleanUp.Dispose();
        }
        sealed class ExplicitArray : IDisposable
        {
            private readonly Stream _data = File.OpenRead("x");
            private readonly CompositeDisposable _cleanUp;
            public ExplicitArray() { _cleanUp = new CompositeDisposable(new IDisposable[] { _data }); }
            public void Dispose() => _cleanUp.Dispose();
        }
        // The composite itself is never released: neither is what it holds.
        sealed class Forgotten : IDisposable
        {
            private readonly Stream {|OWN202:_data|} = File.OpenRead("x");
            private readonly CompositeDisposable _cleanUp;
            public Forgotten() { _cleanUp = new(_data); }
            public void Dispose() { }
        }
        // A source type that is given the members but does not say it releases them.
        sealed class Keeps { public Keeps(params IDisposable[] items) { } }
        sealed class NotAComposite : IDisposable
        {
            private readonly Stream {|OWN202:_data|} = File.OpenRead("x");
            private readonly Keeps _keeps;
            public NotAComposite() { _keeps = new Keeps(_data); }
            public void Dispose() { }
        }
        """ + Reactive);
}

public class OWN204Tests
{
    private const string Usings = "using System; using System.IO; using System.Net.Http;\n";

    [Fact]
    public Task Releasing_a_service_or_another_objects_member_is_reported() => OWN204.Diagnostics(Usings + """
        class Other { public Stream Stream { get; } = Stream.Null; }
        sealed class Consumer : IDisposable
        {
            private readonly IDisposable _service;
            private readonly Stream _stream;
            public Consumer(IServiceProvider services, Other other)
            {
                _service = (IDisposable)services.GetService(typeof(IDisposable));
                _stream = other.Stream;
            }
            public void Dispose()
            {
                {|OWN204:_service.Dispose()|};
                {|OWN204:_stream.Dispose()|};
            }
        }
        class Pattern : IDisposable
        {
            private readonly Stream _stream;
            private bool _disposed;
            public Pattern(Other other) { _stream = other.Stream; }
            public void Dispose() => Dispose(true);
            protected virtual void Dispose(bool disposing)
            {
                if (!_disposed) { if (disposing) { {|OWN204:_stream.Dispose()|}; } _disposed = true; }
            }
        }
        """);

    [Fact]
    public Task Borrowed_member_passed_to_a_helper_that_disposes_it_is_reported() => OWN204.Diagnostics(Usings + """
        class Other { public Stream Stream { get; } = Stream.Null; }
        sealed class Consumer : IDisposable
        {
            private readonly Stream _stream;
            public Consumer(Other other) { _stream = other.Stream; }
            public void Dispose() => Quietly({|OWN204:_stream|});
            private static void Quietly(IDisposable d)
            {
                try { d.Dispose(); } catch (IOException) { }
            }
        }
        // Helpers that release their argument wherever there is one to release.
        sealed class Guarded : IDisposable
        {
            private readonly Stream _a;
            private readonly Stream _b;
            private readonly Stream _c;
            public Guarded(Other other) { _a = other.Stream; _b = other.Stream; _c = other.Stream; }
            public void Dispose() { Release({|OWN204:_a|}); ReleaseIfAny({|OWN204:_b|}); ReleaseUnlessNull({|OWN204:_c|}); }
            private static void Release(IDisposable d) { if (d != null) d.Dispose(); }
            private static void ReleaseIfAny(IDisposable d) => d?.Dispose();
            private static void ReleaseUnlessNull(IDisposable d)
            {
                if (d == null)
                {
                    return;
                }

                d.Dispose();
            }
        }
        """);

    [Fact]
    public Task Borrowed_member_handed_back_to_an_ambient_setter_is_clean() => OWN204.Diagnostics(Usings + """
        interface IContext : IDisposable { }
        static class Ambient
        {
            private static Action<IContext> _set = _ => { };
            private static IContext _stored;
            public static IContext Current => _stored;
            public static void SetCurrent(IContext context) => _set(context);
            public static void Store(IContext context) => _stored = context;
        }
        // Restores what was current when the scope began: the previous context is handed back, not released.
        sealed class Scope : IDisposable
        {
            private readonly IContext _previous = Ambient.Current;
            public void Dispose() => Ambient.SetCurrent(_previous);
        }
        sealed class StoringScope : IDisposable
        {
            private readonly IContext _previous = Ambient.Current;
            public void Dispose() => Ambient.Store(_previous);
        }
        """);

    [Fact]
    public Task Wrappers_taking_a_constructor_argument_and_owned_members_are_clean() => OWN204.Diagnostics(Usings + """
        sealed class Wrapper : IDisposable
        {
            private readonly Stream _inner;
            private readonly Stream _own = File.OpenRead("a");
            public Wrapper(Stream inner) { _inner = inner; }
            public void Dispose() { _inner.Dispose(); _own.Dispose(); }
        }
        sealed class Copies : IDisposable
        {
            private readonly Stream _a = File.OpenRead("a");
            private readonly Stream _b;
            private readonly Stream _c;
            public Copies(Other other, Func<Stream> make) { _b = _a; _c = other.Stream; _c = make(); }
            public void Dispose() { _a.Dispose(); _b.Dispose(); _c.Dispose(); }
        }
        sealed class Guarded : IDisposable
        {
            private readonly Stream _stream;
            private readonly bool _leaveOpen;
            public Guarded(Other other, bool leaveOpen) { _stream = other.Stream; _leaveOpen = leaveOpen; }
            public void Dispose() { if (!_leaveOpen) _stream.Dispose(); }
        }
        class Other { public Stream Stream { get; } = Stream.Null; }
        """);
}

public class OWN205Tests
{
    private const string Usings = "using System; using System.IO; using System.Net.Http;\n";

    [Fact]
    public Task Member_holding_created_and_injected_released_unconditionally_is_reported() => OWN205.Diagnostics(Usings + """
        sealed class Api : IDisposable
        {
            private readonly HttpClient {|OWN205:_client|};
            public Api(HttpClient client = null) { _client = client ?? new HttpClient(); }
            public void Dispose() => _client.Dispose();
        }
        """);

    [Fact]
    public Task Mixed_member_with_an_ownership_flag_is_clean() => OWN205.Diagnostics(Usings + """
        sealed class Api : IDisposable
        {
            private readonly HttpClient _client;
            private readonly bool _ownsClient;
            public Api(HttpClient client = null) { _ownsClient = client is null; _client = client ?? new HttpClient(); }
            public void Dispose() { if (_ownsClient) _client.Dispose(); }
        }
        sealed class OnlyOwned : IDisposable
        {
            private readonly HttpClient _client = new HttpClient();
            public void Dispose() => _client.Dispose();
        }
        """);

    [Fact]
    public Task Parameters_stored_on_their_own_are_taken_over() => OWN205.Diagnostics(Usings + """
        sealed class Database : IDisposable
        {
            private readonly Stream _engine;
            public Database(string path) { _engine = File.OpenRead(path); }
            public Database(Stream engine) { _engine = engine; }
            public void Dispose() => _engine.Dispose();
        }
        sealed class Message : IDisposable
        {
            private Stream _body = new MemoryStream();
            public Message() { _body = File.OpenRead("default"); }
            public Stream Body { get => _body; set => _body = value; }
            public void Dispose() => _body.Dispose();
        }
        class Engine : IDisposable
        {
            private readonly Stream _file;
            private readonly bool _disposeOnClose;
            public Engine(Stream file) { _file = file; _disposeOnClose = false; }
            public Engine(string path) { _file = File.OpenRead(path); _disposeOnClose = true; }
            public void Dispose() => Dispose(true);
            protected virtual void Dispose(bool disposing) { if (disposing && _disposeOnClose) _file.Dispose(); }
        }
        """);

    [Fact]
    public Task Provably_borrowed_beside_created_is_reported() => OWN205.Diagnostics(Usings + """
        sealed class Service : IDisposable
        {
            private readonly HttpClient {|OWN205:_client|};
            public Service(IServiceProvider services, bool own)
            {
                _client = own ? new HttpClient() : (HttpClient)services.GetService(typeof(HttpClient));
            }
            public void Dispose() => _client.Dispose();
        }
        """);
}
