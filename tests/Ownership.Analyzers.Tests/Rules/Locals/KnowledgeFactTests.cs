using Ownership.Analyzers.Rules.Locals;
using Ownership.Analyzers.Rules.Types;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules.Locals;

/// <summary>Facts of the curated table learnt from real code, each with a report and a clean twin.</summary>
public class KnowledgeFactTests
{
    private const string Usings = "using System; using System.Runtime.InteropServices; using System.IO; using System.Xml; using System.Threading; using System.Threading.Channels; using System.Threading.Tasks; using System.Collections.Concurrent;\n";

    [Fact]
    public Task XmlReader_over_a_kept_stream_releases_nothing() => Verify<OWN102CreatedResourceDiscardedAnalyzer>.Diagnostics(Usings + """
        class C
        {
            bool Over(Stream input) => XmlReader.Create(input).Read();
            bool OverText(TextReader input) => XmlReader.Create(input).Read();
            bool FromPath(string path) => {|OWN102:XmlReader.Create(path)|}.Read();
            bool ClosingInput(Stream input, XmlReaderSettings settings) => XmlReader.Create(input, settings).Read();
        }
        """);

    private const string Newtonsoft = """
        namespace Newtonsoft.Json
        {
            public abstract class JsonWriter : System.IDisposable
            {
                public bool CloseOutput { get; set; } = true;
                public virtual void Close() { }
                public void Dispose() => Close();
                public abstract void WriteValue(string value);
            }
            public class JsonTextWriter : JsonWriter
            {
                public JsonTextWriter(System.IO.TextWriter textWriter) { }
                public override void WriteValue(string value) { }
            }
            public class JsonTextReader : System.IDisposable
            {
                public JsonTextReader(System.IO.TextReader reader) { }
                public bool Read() => false;
                public void Dispose() { }
            }
        }
        """;

    [Fact]
    public Task A_json_text_writer_over_a_string_writer_needs_no_release() => Verify<OWN101DisposeCreatedResourceAnalyzer>.DiagnosticsWithLibrary(Usings + """
        using Newtonsoft.Json;
        class C
        {
            string Text()
            {
                var text = new StringWriter();
                var writer = new JsonTextWriter(text);
                writer.WriteValue("x");
                return text.ToString();
            }
            bool Parse(string json) => new JsonTextReader(new StringReader(json)).Read();
            void ToFile(string path)
            {
                var writer = {|OWN101:new JsonTextWriter(File.CreateText(path))|};
                writer.WriteValue("x");
            }
        }
        """, "Newtonsoft.Json", Newtonsoft);

    [Fact]
    public Task A_utf8_string_writer_over_a_buffer_writer_needs_no_release() => Verify<OWN101DisposeCreatedResourceAnalyzer>.DiagnosticsWithLibrary(Usings + """
        using System.Buffers;
        using Utf8StringInterpolation;
        class C
        {
            void Format(IBufferWriter<byte> writer, string name)
            {
                var stringWriter = new Utf8StringWriter<IBufferWriter<byte>>(8, 1, writer);
                stringWriter.Append(name);
                stringWriter.Flush();
            }
            long Leak(string path)
            {
                var file = {|OWN101:File.OpenRead(path)|};
                return file.Length;
            }
        }
        """, "Utf8StringInterpolation", """
        namespace Utf8StringInterpolation
        {
            public ref struct Utf8StringWriter<TBufferWriter> where TBufferWriter : System.Buffers.IBufferWriter<byte>
            {
                private TBufferWriter _writer;
                public Utf8StringWriter(int literalLength, int formattedCount, TBufferWriter writer) { _writer = writer; }
                public void Append(string s) { }
                public void Flush() { }
                public void Dispose() { Flush(); _writer = default!; }
            }
        }
        """);

    [Fact]
    public Task Writing_to_a_channel_hands_the_item_to_its_reader() => Verify<OWN101DisposeCreatedResourceAnalyzer>.Diagnostics(Usings + """
        class C
        {
            private readonly Channel<Stream> _queue = Channel.CreateUnbounded<Stream>();
            async ValueTask Post(string path)
            {
                var file = File.OpenRead(path);
                await _queue.Writer.WriteAsync(file);
            }
            void TryPost(string path)
            {
                var file = File.OpenRead(path);
                if (!_queue.Writer.TryWrite(file))
                {
                    file.Dispose();
                }
            }
            long Measured(string path)
            {
                var file = {|OWN101:File.OpenRead(path)|};
                return file.Length;
            }
        }
        """);

    [Fact]
    public Task Completing_a_task_hands_the_value_to_its_awaiter() => Verify<OWN102CreatedResourceDiscardedAnalyzer>.Diagnostics(Usings + """
        class C
        {
            private readonly TaskCompletionSource<Stream> _opened = new();
            void Open(string path) => _opened.SetResult(File.OpenRead(path));
            void TryOpen(string path) => _opened.TrySetResult(File.OpenRead(path));
            void Peek(string path) => _opened.Task.ContinueWith(_ => {|OWN102:File.OpenRead(path)|}.Length);
        }
        sealed class Pending : TaskCompletionSource<Stream>
        {
            public void OnAssigned(string path) => TrySetResult(File.OpenRead(path));
        }
        """);

    [Fact]
    public Task A_tcp_clients_stream_stands_for_the_client() => Verify<OWN101DisposeCreatedResourceAnalyzer>.Diagnostics(Usings + """
        using System.Net.Sockets;
        class C
        {
            async Task<Stream> Connect(string host)
            {
                var client = new TcpClient();
                await client.ConnectAsync(host, 80);
                return client.GetStream();
            }
            void Send(string host)
            {
                var client = new TcpClient();
                client.Connect(host, 80);
                using var stream = client.GetStream();
                stream.WriteByte(1);
            }
            int Peek(string host)
            {
                var client = {|OWN101:new TcpClient()|};
                client.Connect(host, 80);
                var stream = client.GetStream();
                return stream.ReadByte();
            }
        }
        """);

    [Fact]
    public Task A_safe_handle_that_does_not_own_its_handle_needs_no_release() => Verify<OWN102CreatedResourceDiscardedAnalyzer>.Diagnostics(Usings + """
        using Microsoft.Win32.SafeHandles;
        class C
        {
            static bool Valid(SafeHandle handle) => !handle.IsInvalid;
            bool Borrowed(System.IntPtr raw) => Valid(new SafeFileHandle(raw, ownsHandle: false)) && Valid(new SafeWaitHandle(raw, false));
            bool Owned(System.IntPtr raw) => Valid({|OWN102:new SafeFileHandle(raw, ownsHandle: true)|});
        }
        """);

    [Fact]
    public Task Blocking_collections_and_countdown_events_need_no_release() => Verify<OWN201OwningTypeNotDisposableAnalyzer>.Diagnostics(Usings + """
        class Worker
        {
            private readonly BlockingCollection<string> _queue = new BlockingCollection<string>();
            private readonly CountdownEvent _pending = new CountdownEvent(1);
            public void Add(string item) { _pending.AddCount(); _queue.Add(item); }
        }
        class {|OWN201:Locked|}
        {
            private readonly Mutex _mutex = new Mutex(false, "named");
            public void Enter() => _mutex.WaitOne();
        }
        """);

    [Fact]
    public Task A_method_that_returns_its_own_instance_hands_it_on() => Verify<OWN101DisposeCreatedResourceAnalyzer>.Diagnostics(Usings + """
        interface IConnection : IDisposable { }
        sealed class Connection : IConnection
        {
            private readonly Stream _socket = File.OpenRead("socket");
            internal async ValueTask<IConnection> OpenAsync() { await Task.Yield(); return this; }
            internal Connection Configure(int timeout) => this;
            public void Dispose() => _socket.Dispose();
        }
        static class Factory
        {
            public static async Task<IConnection> CreateAsync()
            {
                var connection = new Connection();
                return await connection.OpenAsync();
            }
            public static Connection Create()
            {
                var connection = new Connection();
                return connection.Configure(5);
            }
            public static async Task Dropped()
            {
                var connection = {|OWN101:new Connection()|};
                await connection.OpenAsync();
            }
        }
        """);

    [Fact]
    public Task A_method_that_keeps_what_it_returns_is_not_a_factory() => Verify<OWN101DisposeCreatedResourceAnalyzer>.Diagnostics(Usings + """
        using System.Collections.Generic;
        sealed class Snapshot : IDisposable
        {
            private readonly Stream _file = File.OpenRead("snapshot");
            public long Length => _file.Length;
            public void Dispose() => _file.Dispose();
        }
        sealed class Transaction : IDisposable
        {
            private readonly Dictionary<string, Snapshot> _snapshots = new();
            private readonly List<Snapshot> _all = new();
            public Snapshot Get(string name)
            {
                if (!_snapshots.TryGetValue(name, out var snapshot))
                {
                    _snapshots[name] = snapshot = new Snapshot();
                }

                return snapshot;
            }
            public Snapshot Track()
            {
                var snapshot = new Snapshot();
                _all.Add(snapshot);
                return snapshot;
            }
            public Snapshot Fresh()
            {
                var snapshot = new Snapshot();
                return snapshot;
            }
            public void Dispose() { foreach (var s in _snapshots.Values) s.Dispose(); foreach (var s in _all) s.Dispose(); }
        }
        static class Use
        {
            static long Sizes(Transaction tx)
            {
                var a = tx.Get("a");
                var b = tx.Track();
                var c = {|OWN101:tx.Fresh()|};
                return a.Length + b.Length + c.Length;
            }
        }
        """);

    [Fact]
    public Task An_ownership_flag_argument_decides_on_any_call() => Verify<OWN101DisposeCreatedResourceAnalyzer>.Diagnostics(Usings + """
        interface IArchive : IDisposable
        {
            void AddEntry(string key, Stream source, bool closeStream);
            void AddOwned(string key, Stream source, bool ownsStream = true);
        }
        sealed class Frame : IDisposable
        {
            private readonly Stream _inner;
            private readonly bool _leaveOpen;
            public Frame(Stream inner, bool leaveOpen) { _inner = inner; _leaveOpen = leaveOpen; }
            public void Dispose() { if (!_leaveOpen) _inner.Dispose(); }
        }
        class C
        {
            void Handed(IArchive archive, string path) => archive.AddEntry("a", File.OpenRead(path), closeStream: true);
            void ByDefault(IArchive archive, string path) { var file = File.OpenRead(path); archive.AddOwned("a", file); }
            void AtRunTime(IArchive archive, string path, bool close) { var file = File.OpenRead(path); archive.AddEntry("a", file, close); }
            void Kept(IArchive archive, string path)
            {
                var file = {|OWN101:File.OpenRead(path)|};
                archive.AddEntry("a", file, closeStream: false);
            }
            void LeftOpen(string path)
            {
                var file = {|OWN101:File.OpenRead(path)|};
                using var frame = new Frame(file, leaveOpen: true);
            }
        }
        """);

    [Fact]
    public Task An_instance_whose_constructor_leaves_the_release_flag_false_needs_no_release() => Verify<OWN101DisposeCreatedResourceAnalyzer>.Diagnostics(Usings + """
        using System.Buffers;
        readonly struct Packet : IDisposable
        {
            private readonly bool _pooled;
            public Packet(byte[] data) { Memory = data; }
            public Packet(byte[] data, bool pooled = false) { Memory = data; _pooled = pooled; }
            public Packet(int size) : this(ArrayPool<byte>.Shared.Rent(size), pooled: true) { }
            public ReadOnlyMemory<byte> Memory { get; }
            public void Dispose()
            {
                if (_pooled && System.Runtime.InteropServices.MemoryMarshal.TryGetArray(Memory, out var segment))
                {
                    ArrayPool<byte>.Shared.Return(segment.Array!);
                }
            }
        }
        class Session
        {
            ValueTask Send(Packet packet) => default;
            async Task Login(byte[] password)
            {
                var packet = new Packet(password);
                await Send(packet);
                var same = new Packet(password, pooled: false);
                await Send(same);
            }
            async Task Leak(int size)
            {
                var pooled = {|OWN101:new Packet(size)|};
                await Send(pooled);
                var flagged = {|OWN101:new Packet(ArrayPool<byte>.Shared.Rent(size), pooled: true)|};
                await Send(flagged);
            }
        }
        """);

    [Fact]
    public Task A_release_flag_nested_under_a_null_test_still_guards_the_release() => Verify<OWN202OwnedMemberNotReleasedAnalyzer>.Diagnostics(Usings + """
        using System.Runtime.InteropServices;
        // Releases its COM pointer only when it owns it; the borrowing constructor leaves the flag false.
        sealed class Meter : IDisposable
        {
            private IntPtr _com;
            private readonly bool _owns;
            internal Meter(IntPtr fresh) { _com = fresh; _owns = true; }
            internal Meter(IntPtr borrowed, bool unused) { _com = borrowed; }
            public void Dispose()
            {
                if (_com != IntPtr.Zero)
                {
                    if (_owns)
                    {
                        Marshal.Release(_com);
                    }

                    _com = IntPtr.Zero;
                }

                GC.SuppressFinalize(this);
            }
        }
        sealed class Session : IDisposable
        {
            public Session(IntPtr shared, IntPtr fresh)
            {
                Borrowed = new Meter(shared, false);
                Owned = new Meter(fresh);
            }
            public Meter Borrowed { get; }
            public Meter {|OWN202:Owned|} { get; }
            public void Dispose() { }
        }
        """);

    [Fact]
    public Task A_wrappers_only_resource_handed_on_through_its_property_hands_on_the_wrapper() => Verify<OWN102CreatedResourceDiscardedAnalyzer>.Diagnostics(Usings + """
        static class Native { public static Stream Lookup(string id) => File.OpenRead(id); }
        static class Extensions { public static void SafeDispose(this IDisposable d) { if (d != null) d.Dispose(); } }
        // Releases exactly one member, which its property hands out.
        sealed class Lookup : IDisposable
        {
            private readonly Stream _handle;
            public Lookup(string id) { _handle = Native.Lookup(id); }
            public Stream Handle => _handle;
            public void Dispose() { _handle.SafeDispose(); GC.SuppressFinalize(this); }
        }
        // Releases two members: handing one on loses the other.
        sealed class Pair : IDisposable
        {
            private readonly Stream _first = File.OpenRead("a");
            private readonly Stream _second = File.OpenRead("b");
            public Stream First => _first;
            public void Dispose() { _first.Dispose(); _second.Dispose(); }
        }
        sealed class Content : IDisposable
        {
            private readonly Stream _inner;
            public Content(Stream inner) { _inner = inner; }
            public void Dispose() => _inner.Dispose();
        }
        static class Api
        {
            public static Content Open(string id)
            {
                var handle = new Lookup(id).Handle;
                return new Content(handle);
            }
            public static Content OpenFirst()
            {
                var first = {|OWN102:new Pair()|}.First;
                return new Content(first);
            }
        }
        """);

    [Fact]
    public Task A_created_value_always_matches_its_own_type_pattern() => Verify<OWN101DisposeCreatedResourceAnalyzer>.Diagnostics(Usings + """
        sealed class Bulk { public void Send() { } }
        static class Loader
        {
            static object Lookup(string name) => new Bulk();
            static long Load(string name, bool registered)
            {
                var source = registered ? Lookup(name) : File.OpenRead(name);
                switch (source)
                {
                    case Stream stream:
                        try { return stream.Length; } finally { stream.Dispose(); }
                    case Bulk bulk:
                        bulk.Send();
                        return 0;
                    default:
                        throw new InvalidOperationException();
                }
            }
            static long Guarded(string name, bool registered)
            {
                var source = registered ? Lookup(name) : {|OWN101:File.OpenRead(name)|};
                switch (source)
                {
                    case Stream stream when stream.CanSeek:
                        try { return stream.Length; } finally { stream.Dispose(); }
                    default:
                        return -1;
                }
            }
        }
        """);

    [Fact]
    public Task An_interface_call_takes_what_its_implementations_take() => Verify<OWN102CreatedResourceDiscardedAnalyzer>.Diagnostics(Usings + """
        using System.Collections.Generic;
        interface ISink { void Write(Stream frame); }
        sealed class QueueSink : ISink
        {
            private readonly Queue<Stream> _queue = new();
            public void Write(Stream frame) => _queue.Enqueue(frame);
        }
        interface IMeter { long Measure(Stream frame); }
        sealed class LengthMeter : IMeter
        {
            public long Measure(Stream frame) => frame.Length;
        }
        sealed class Connection
        {
            private readonly ISink _sink = new QueueSink();
            private readonly IMeter _meter = new LengthMeter();
            internal void Write(Stream frame) => _sink.Write(frame);
            public void Heartbeat() => Write(File.OpenRead("beat"));
            public long Size() => _meter.Measure({|OWN102:File.OpenRead("size")|});
        }
        """);

    [Fact]
    public Task A_wrapper_built_to_leave_its_stream_open_holds_nothing_to_release() => Verify<OWN101DisposeCreatedResourceAnalyzer>.Diagnostics(Usings + """
        sealed class Reader : IDisposable
        {
            private readonly Stream _stream;
            private readonly bool _leaveOpen;
            private bool _disposed;
            public Reader(Stream stream, bool leaveOpen = false) { _stream = stream; _leaveOpen = leaveOpen; }
            public int Next() => _stream.ReadByte();
            public void Dispose()
            {
                if (_disposed) return;
                _disposed = true;
                if (!_leaveOpen) _stream.Dispose();
            }
        }
        sealed class Marking : IDisposable
        {
            private readonly Reader _reader;
            public Marking(Stream stream) => _reader = new Reader(stream, leaveOpen: true);
            public int Next() => _reader.Next();
            public void Dispose() => _reader.Dispose();
        }
        class C
        {
            int Peek(Stream stream)
            {
                var marking = new Marking(stream);
                var reader = new Reader(stream, leaveOpen: true);
                return marking.Next() + reader.Next();
            }
            int Owned(string path)
            {
                var reader = {|OWN101:new Reader(File.OpenRead(path))|};
                return reader.Next();
            }
        }
        """);

    [Fact]
    public Task A_type_whose_release_flag_guards_a_member_of_its_own_type_terminates() => Verify<OWN101DisposeCreatedResourceAnalyzer>.Diagnostics(Usings + """
        sealed class Node : IDisposable
        {
            private readonly bool _owns;
            private readonly Node? _next;
            public Node(int depth, bool owns = false) { _owns = owns; if (depth > 0) _next = new Node(depth - 1, owns); }
            public int Depth => _next is null ? 0 : _next.Depth + 1;
            public void Dispose()
            {
                _next?.Dispose();
                if (_owns) Console.WriteLine("released");
            }
        }
        class C
        {
            int M() { var node = {|OWN101:new Node(3)|}; return node.Depth; }
        }
        """);

    [Fact]
    public Task A_process_component_read_only_for_its_snapshot_holds_nothing() => Verify<OWN101DisposeCreatedResourceAnalyzer>.Diagnostics(Usings + """
        using System.Diagnostics;
        class C
        {
            static string Describe()
            {
                var current = Process.GetCurrentProcess();
                return current.ProcessName + current.Id + current.MainModule?.FileName + current.WorkingSet64;
            }
            static bool Alive(int id)
            {
                var other = {|OWN101:Process.GetProcessById(id)|};
                return !other.HasExited;
            }
            static IntPtr Handle()
            {
                var current = {|OWN101:Process.GetCurrentProcess()|};
                return current.Handle;
            }
            static int Started(string path)
            {
                var started = {|OWN101:Process.Start(path)|};
                return started.Id;
            }
            static void Ignore(Process p) { }
            static void HandedOn()
            {
                var current = {|OWN101:Process.GetCurrentProcess()|};
                Ignore(current);
            }
            static void Reassigned(int id)
            {
                var current = {|OWN101:Process.GetCurrentProcess()|};
                var alias = current;
                _ = alias.Id;
            }
        }
        """);

    [Fact]
    public Task A_process_component_read_where_it_is_made_holds_nothing() => Verify<OWN102CreatedResourceDiscardedAnalyzer>.Diagnostics(Usings + """
        using System.Diagnostics;
        class C
        {
            static int Id() => Process.GetCurrentProcess().Id;
            static string Name(int id) => Process.GetProcessById(id).ProcessName;
            static DateTime Started() => Process.GetCurrentProcess().StartTime;
            static void Watch(int id) => {|OWN102:Process.GetProcessById(id)|}.WaitForExit();
            static IntPtr Raw() => {|OWN102:Process.GetCurrentProcess()|}.Handle;
            static int Child(string path) => {|OWN102:Process.Start(path)|}.Id;
        }
        """);

    [Fact]
    public Task A_reader_over_what_needs_no_release_holds_nothing() => Verify<OWN101DisposeCreatedResourceAnalyzer>.Diagnostics(Usings + """
        class HeaderReader : BinaryReader
        {
            public HeaderReader(Stream input) : base(input) { }
            public int Magic() => ReadInt32();
        }
        class OwningReader : BinaryReader
        {
            private readonly Stream _log = File.OpenWrite("log");
            public OwningReader(Stream input) : base(input) { }
            protected override void Dispose(bool disposing) { _log.Dispose(); base.Dispose(disposing); }
        }
        class C
        {
            static int Inline(byte[] data)
            {
                var reader = new BinaryReader(new MemoryStream(data));
                return reader.ReadInt32();
            }
            static int ThroughLocal(byte[] data)
            {
                var memory = new MemoryStream(data);
                var reader = new HeaderReader(memory);
                return reader.Magic();
            }
            static int OverBorrowed(Stream input)
            {
                var reader = new HeaderReader(input);
                return reader.Magic();
            }
            static int Writer(byte[] data)
            {
                var memory = new MemoryStream();
                var writer = new BinaryWriter(memory);
                writer.Write(data.Length);
                return (int)memory.Length;
            }
            static int OverFile(string path)
            {
                var reader = {|OWN101:new HeaderReader(File.OpenRead(path))|};
                return reader.Magic();
            }
            static int LocalReassigned(byte[] data, string path)
            {
                Stream input = new MemoryStream(data);
                input = File.OpenRead(path);
                var reader = {|OWN101:new HeaderReader(input)|};
                return reader.Magic();
            }
            static int AddsARelease(Stream input)
            {
                var reader = {|OWN101:new OwningReader(input)|};
                return reader.ReadInt32();
            }
        }
        """);

    [Fact]
    public Task A_source_extension_that_only_forwards_to_ConfigureAwait_is_transparent() => Verify<OWN102CreatedResourceDiscardedAnalyzer>.Diagnostics(Usings + """
        using System.Runtime.CompilerServices;
        static class Awaiting
        {
            public static ConfiguredTaskAwaitable<T> NoContext<T>(this Task<T> task) => task.ConfigureAwait(false);
            public static ConfiguredTaskAwaitable<T> Logged<T>(this Task<T> task) { Console.WriteLine("awaiting"); return task.ConfigureAwait(false); }
        }
        class C
        {
            static async Task<Stream> OpenAsync(string path) { await Task.Yield(); return File.OpenRead(path); }
            static async Task<StreamReader> Kept(string path)
            {
                var stream = await OpenAsync(path).NoContext();
                return new StreamReader(stream);
            }
            static async Task<StreamReader> NotTransparent(string path)
            {
                var stream = await {|OWN102:OpenAsync(path)|}.Logged();
                return new StreamReader(stream);
            }
        }
        """);

    [Fact]
    public Task TcpListener_Stop_releases_the_listener_as_Dispose_does() => Verify<OWN101DisposeCreatedResourceAnalyzer>.Diagnostics(Usings + """
        using System.Net;
        using System.Net.Sockets;
        static class Probe
        {
            public static int FreePort()
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                try { return ((IPEndPoint)listener.LocalEndpoint).Port; }
                finally { listener.Stop(); }
            }

            public static int FreePortUnlessAsked(bool keep)
            {
                var listener = {|OWN101:new TcpListener(IPAddress.Loopback, 0)|};
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (keep) return port;
                listener.Stop();
                return port;
            }
        }
        """);

    private const string HeapLibrary = """
        namespace Storage
        {
            public abstract class HeapObject : System.IDisposable
            {
                public long Size { get; protected set; }
                public abstract void Dispose();
            }
            public abstract class PooledObject : System.IDisposable
            {
                public void Dispose() { Dispose(true); System.GC.SuppressFinalize(this); }
                protected virtual void Dispose(bool disposing) { }
            }
        }
        """;

    [Fact]
    public Task A_subclass_of_a_library_base_with_only_an_abstract_Dispose_holds_what_its_override_releases() => Verify<OWN101DisposeCreatedResourceAnalyzer>.DiagnosticsWithLibrary(Usings + """
        using Storage;
        sealed class SetValue : HeapObject
        {
            public readonly System.Collections.Generic.HashSet<string> Items = new();
            public override void Dispose() { }
        }
        sealed class FileValue : HeapObject
        {
            private readonly FileStream _file = File.OpenRead("v.bin");
            public override void Dispose() => _file.Dispose();
        }
        sealed class PooledValue : PooledObject { }
        static class Store
        {
            public static int Count(string[] members)
            {
                var set = new SetValue();
                foreach (var m in members) set.Items.Add(m);
                return set.Items.Count;
            }

            public static long Size()
            {
                var value = {|OWN101:new FileValue()|};
                return value.Size;
            }

            public static long Pooled()
            {
                var value = {|OWN101:new PooledValue()|};
                return value.GetHashCode();
            }
        }
        """, "Storage", HeapLibrary);

    [Fact]
    public Task A_reader_or_writer_over_a_using_local_holds_nothing_of_its_own() => Verify<OWN101DisposeCreatedResourceAnalyzer>.Diagnostics(Usings + """
        using System.IO.Compression;
        static class Stats
        {
            public static long Count(string path)
            {
                using var file = File.OpenRead(path);
                var reader = new BinaryReader(file);
                return reader.ReadInt64();
            }

            public static void Save(string path, long count)
            {
                using (var file = File.Create(path))
                {
                    var writer = new BinaryWriter(file);
                    writer.Write(count);
                }
            }

            public static long Unreleased(string path)
            {
                var file = File.OpenRead(path);
                var reader = {|OWN101:new BinaryReader(file)|};
                return reader.ReadInt64();
            }

            public static int Compressed(string path)
            {
                using var file = File.OpenRead(path);
                var inflater = {|OWN101:new GZipStream(file, CompressionMode.Decompress)|};
                return inflater.ReadByte();
            }
        }
        """);
}
