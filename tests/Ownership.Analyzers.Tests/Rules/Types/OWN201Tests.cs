using Verifier = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Types.OWN201OwningTypeNotDisposableAnalyzer>;

namespace Ownership.Analyzers.Tests.Rules.Types;

public class OWN201Tests
{
    private const string Usings = "using System; using System.IO; using System.Net.Http; using System.Threading; using System.Threading.Tasks;\n";

    [Fact]
    public Task Type_owning_a_created_stream_is_reported() => Verifier.Diagnostics(Usings + """
        class {|OWN201:Logger|}
        {
            private readonly Stream _file = File.OpenWrite("log.txt");
            public void Write(byte b) => _file.WriteByte(b);
        }
        class {|OWN201:Poller|}
        {
            private Timer _timer;
            public HttpClient Client { get; } = new HttpClient();
            public void Start() { _timer = new Timer(_ => { }, null, 0, 1000); }
        }
        """);

    [Fact]
    public Task Created_through_a_local_or_lazily_is_owned() => Verifier.Diagnostics(Usings + """
        class {|OWN201:Cache|}
        {
            private Stream _data;
            private Stream _lazy;
            public Cache(string path) { var s = File.OpenRead(path); _data = s; }
            public Stream Lazy => _lazy ??= File.OpenRead("x");
        }
        """);

    [Fact]
    public Task Disposable_types_borrowed_members_and_static_members_are_clean() => Verifier.Diagnostics(Usings + """
        sealed class Owner : IDisposable
        {
            private readonly Stream _file = File.OpenRead("a");
            public void Dispose() => _file.Dispose();
        }
        interface IClientFactory { HttpClient CreateClient(string name); }
        class Injected
        {
            private readonly Stream _stream;
            private readonly HttpClient _client;
            public Injected(Stream stream, IClientFactory factory) { _stream = stream; _client = factory.CreateClient("x"); }
        }
        class Shared
        {
            private static readonly HttpClient Client = new HttpClient();
            private readonly MemoryStream _buffer = new MemoryStream();
            private readonly CancellationTokenSource _cts = new CancellationTokenSource();
        }
        """);

    [Fact]
    public Task Cleanup_methods_and_start_stop_lifecycles_release() => Verifier.Diagnostics(Usings + """
        [AttributeUsage(AttributeTargets.Method)] sealed class TearDownAttribute : Attribute { }
        class Fixture
        {
            private Stream _file;
            public void SetUp() => _file = File.OpenRead("a");
            [TearDown] public void TearDown() => _file?.Dispose();
        }
        class Service
        {
            private Timer _timer;
            public void Start() => _timer = new Timer(_ => { }, null, 0, 1000);
            public void Stop() { _timer?.Dispose(); _timer = null; }
        }
        """);

    [Fact]
    public Task Member_released_through_the_instance_by_its_holder_is_not_lost() => Verifier.Diagnostics(Usings + """
        class Configuration
        {
            internal Stream Journal { get; } = File.OpenWrite("journal");
            internal Timer Heartbeat { get; } = new Timer(_ => { });
        }
        // The holder releases one member; the other is still lost.
        class {|OWN201:Partly|}
        {
            internal Stream Journal { get; } = File.OpenWrite("journal");
            public HttpClient Client { get; } = new HttpClient();
        }
        sealed class PartlyHolder : IDisposable
        {
            private readonly Partly _partly = new Partly();
            public void Dispose() => _partly.Journal?.Dispose();
        }
        sealed class Cluster : IDisposable
        {
            public Configuration Configuration { get; } = new Configuration();
            public void Dispose()
            {
                Configuration.Journal.Dispose();
                ((IDisposable)Configuration.Heartbeat)?.Dispose();
            }
        }
        // Nobody releases Cache.Buffer: reading it elsewhere is not a release.
        class {|OWN201:Cache|}
        {
            internal Stream Buffer { get; } = new FileStream("b", FileMode.Create);
        }
        class Reader
        {
            private readonly Cache _cache;
            public Reader(Cache cache) => _cache = cache;
            public long Length => _cache.Buffer.Length;
        }
        // A private member no other type can reach: another instance's release is still inside the type.
        class {|OWN201:Own|}
        {
            private readonly Stream _file = File.OpenWrite("own");
            public Stream Read() => Stream.Null;
        }
        """);

    [Fact]
    public Task A_scope_type_whose_Dispose_exits_a_monitor_its_constructor_never_enters_holds_nothing() => Verifier.Diagnostics(Usings + """
        sealed class Gate : IDisposable
        {
            private readonly object _lock = new object();
            public IDisposable Enter() { Monitor.Enter(_lock); return this; }
            public void Dispose() => Monitor.Exit(_lock);
        }
        sealed class Held : IDisposable
        {
            private readonly object _lock;
            public Held(object gate) { _lock = gate; Monitor.Enter(_lock); }
            public void Dispose() => Monitor.Exit(_lock);
        }
        class Channel
        {
            private readonly Gate _sender = new Gate();
            public IDisposable Send() => _sender.Enter();
        }
        class {|OWN201:Holder|}
        {
            private readonly Held _held = new Held(new object());
        }
        """);

    [Fact]
    public Task Type_with_invalid_code_is_silent() => Verifier.Diagnostics(Usings + """
        class Broken
        {
            private readonly Stream _file = File.OpenRead("a");
            public void M() { {|CS0103:undefined|}.Call(); }
        }
        """);

    [Fact]
    public Task Using_over_a_member_assignment_and_harmless_subclasses_are_clean() => Verifier.Diagnostics(Usings + """
        sealed class DataStream : MemoryStream { public DataStream(byte[] b) : base(b) { } }
        class Zipper
        {
            private Stream _output;
            private DataStream _data;
            public void Run(string path) { using (_output = File.OpenWrite(path)) { _output.WriteByte(1); } }
            public void Load(byte[] b) { _data = new DataStream(b); }
        }
        """);
}
