using Verifier = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Locals.OWN101DisposeCreatedResourceAnalyzer>;

namespace Ownership.Analyzers.Tests.Rules.Locals;

public class OWN101Tests
{
    private const string Usings = "using System; using System.IO; using System.Net.Http; using System.Threading; using System.Threading.Tasks; using System.Collections.Generic; using System.Text;\n";

    private const string Shared = """
        class Gate
        {
            private readonly SemaphoreSlim _semaphore = new SemaphoreSlim(4);
            public Token TryBegin() => new Token(_semaphore.Wait(0), this);
            public Loose TryBeginLoose() => new Loose(_semaphore.Wait(0), this);
            internal void Finished() => _semaphore.Release();
        }
        sealed class Token : IDisposable
        {
            private readonly bool _acquired;
            private readonly Gate _gate;
            internal Token(bool acquired, Gate gate) { _acquired = acquired; _gate = gate; }
            public bool CanContinue() => _acquired;
            public bool Acquired => _acquired;
            public void Dispose()
            {
                if (!_acquired) return;
                _gate.Finished();
            }
        }
        // The flag can change after construction: its test says nothing about what Dispose will do.
        sealed class Loose : IDisposable
        {
            private bool _acquired;
            private readonly Gate _gate;
            internal Loose(bool acquired, Gate gate) { _acquired = acquired; _gate = gate; }
            public bool CanContinue() => _acquired;
            public void Reset() => _acquired = true;
            public void Dispose()
            {
                if (!_acquired) return;
                _gate.Finished();
            }
        }
        """;

    // ---- reports ----

    [Fact]
    public Task Never_disposed_local_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            long M(string path)
            {
                var stream = {|OWN101:File.OpenRead(path)|};
                return stream.Length;
            }
        }
        """);

    [Fact]
    public Task Disposed_on_one_branch_only_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(string path, bool flag)
            {
                var stream = {|OWN101:new FileStream(path, FileMode.Open)|};
                if (flag)
                {
                    stream.Dispose();
                }
            }
        }
        """);

    [Fact]
    public Task Early_return_before_dispose_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            int M(string path)
            {
                var reader = {|OWN101:new StreamReader(path)|};
                if (reader.Peek() < 0)
                {
                    return 0;
                }

                var n = reader.ReadToEnd().Length;
                reader.Dispose();
                return n;
            }
        }
        """);

    [Fact]
    public Task Leak_in_loop_body_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            long M(string[] paths)
            {
                long total = 0;
                foreach (var path in paths)
                {
                    var stream = {|OWN101:File.OpenRead(path)|};
                    total += stream.Length;
                }

                return total;
            }
        }
        """);

    [Fact]
    public Task Inner_stream_with_leaveOpen_true_is_still_owned() => Verifier.Diagnostics(Usings + """
        class C
        {
            string M(string path)
            {
                var stream = {|OWN101:File.OpenRead(path)|};
                using var reader = new StreamReader(stream, Encoding.UTF8, false, 1024, leaveOpen: true);
                return reader.ReadToEnd();
            }
        }
        """);

    [Fact]
    public Task HttpClient_with_disposeHandler_false_keeps_handler_owned() => Verifier.Diagnostics(Usings + """
        class C
        {
            HttpClient M()
            {
                var handler = {|OWN101:new HttpClientHandler()|};
                return new HttpClient(handler, disposeHandler: false);
            }
        }
        """);

    [Fact]
    public Task Stream_passed_to_non_owning_use_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(string path, Stream target)
            {
                var source = {|OWN101:File.OpenRead(path)|};
                source.CopyTo(target);
            }
        }
        """);

    [Fact]
    public Task Response_from_awaited_factory_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            async Task<int> M(HttpClient client)
            {
                var response = await {|OWN101:client.GetAsync("http://localhost")|};
                return (int)response.StatusCode;
            }
        }
        """);

    [Fact]
    public Task Source_factory_result_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            static Stream Open(string p) { var s = File.OpenRead(p); return s; }
            long M() { var s = {|OWN101:Open("a")|}; return s.Length; }
        }
        """);

    [Fact]
    public Task MustDisposeResource_attribute_in_source_is_honoured() => Verifier.Diagnostics(Usings + """
        namespace JetBrains.Annotations { [AttributeUsage(AttributeTargets.All)] sealed class MustDisposeResourceAttribute : Attribute { } }
        interface IHandle : IDisposable { }
        interface IFactory { [JetBrains.Annotations.MustDisposeResource] IHandle Open(); }
        class C
        {
            void M(IFactory factory) { var h = {|OWN101:factory.Open()|}; h.ToString(); }
        }
        """);

    [Fact]
    public Task Top_level_statements_are_analysed() => Verifier.Program(Usings + """
        var stream = {|OWN101:File.OpenRead("a")|};
        Console.WriteLine(stream.Length);
        """);

    // ---- clean look-alikes ----

    [Fact]
    public Task Not_disposed_where_its_own_query_says_it_holds_nothing_is_clean() => Verifier.Diagnostics(Usings + """
        class Worker
        {
            private readonly Gate _gate = new Gate();
            void Process()
            {
                var op = _gate.TryBegin();
                if (!op.CanContinue())
                {
                    return;
                }

                using (op)
                {
                    Console.WriteLine("working");
                }
            }

            void Property()
            {
                var op = _gate.TryBegin();
                if (op.Acquired)
                {
                    using (op) { Console.WriteLine("working"); }
                }
            }
        }
""" + Shared);

    [Fact]
    public Task Not_disposed_after_a_query_on_a_flag_that_can_change_is_reported() => Verifier.Diagnostics(Usings + """
        class Worker
        {
            private readonly Gate _gate = new Gate();
            void Process()
            {
                var op = {|OWN101:_gate.TryBeginLoose()|};
                if (!op.CanContinue())
                {
                    return;
                }

                using (op)
                {
                    Console.WriteLine("working");
                }
            }
        }
""" + Shared);

    [Fact]
    public Task Disposed_under_the_same_parameter_test_that_created_it_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            long M(string path)
            {
                Stream s = null;
                if (path != null)
                {
                    s = File.OpenRead(path);
                }

                try
                {
                    return path == null ? 0 : s.Length;
                }
                finally
                {
                    if (path != null)
                    {
                        s.Dispose();
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Disposed_under_the_test_of_another_parameter_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            long M(string path, string other)
            {
                Stream s = null;
                if (path != null)
                {
                    s = {|OWN101:File.OpenRead(path)|};
                }

                try
                {
                    return path == null ? 0 : s.Length;
                }
                finally
                {
                    if (other != null)
                    {
                        s.Dispose();
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Using_declaration_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            long M(string path) { using var stream = File.OpenRead(path); return stream.Length; }
            long N(string path) { using (var stream = File.OpenRead(path)) { return stream.Length; } }
        }
        """);

    [Fact]
    public Task Await_using_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            async Task<long> M(string path)
            {
                await using var stream = File.OpenRead(path);
                await using (var other = File.OpenRead(path).ConfigureAwait(false)) { }
                return stream.Length;
            }
        }
        """);

    [Fact]
    public Task Dispose_in_finally_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            long M(string path)
            {
                Stream stream = null;
                try
                {
                    stream = File.OpenRead(path);
                    if (stream.Length == 0) return 0;
                    return stream.Length;
                }
                finally
                {
                    stream?.Dispose();
                }
            }
        }
        """);

    [Fact]
    public Task Disposed_on_every_branch_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            int M(string path, bool flag)
            {
                var stream = new FileStream(path, FileMode.Open);
                if (flag)
                {
                    stream.Dispose();
                    return 1;
                }

                stream.Close();
                return 2;
            }
        }
        """);

    [Fact]
    public Task Null_checked_dispose_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(string path, bool flag)
            {
                Stream s = null;
                if (flag) s = File.OpenRead(path);
                if (s != null) s.Dispose();
                Stream t = flag ? File.OpenRead(path) : null;
                if (t is not null) { t.Dispose(); }
                Stream u = flag ? File.OpenRead(path) : null;
                u?.Dispose();
            }
        }
        """);

    [Fact]
    public Task Returned_and_stored_are_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            private Stream _field;
            Stream M(string path) { var s = File.OpenRead(path); return s; }
            void N(string path) { var s = File.OpenRead(path); _field = s; }
            void O(string path, out Stream result) { var s = File.OpenRead(path); result = s; }
            async Task<Stream> P(string path) { var s = File.OpenRead(path); await Task.Yield(); return s; }
            Stream Q(string path) { var s = File.OpenRead(path); return s.CanRead ? s : throw new InvalidOperationException(); }
        }
        """);

    [Fact]
    public Task Ownership_handed_to_wrapper_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            string M(string path)
            {
                var stream = File.OpenRead(path);
                using var reader = new StreamReader(stream);
                return reader.ReadToEnd();
            }
            HttpClient N() { var handler = new HttpClientHandler(); return new HttpClient(handler); }
            Stream O(string path) { var inner = File.OpenRead(path); return new BufferedStream(inner); }
        }
        """);

    [Fact]
    public Task Yielded_from_iterator_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            IEnumerable<Stream> M(string[] paths)
            {
                foreach (var p in paths) { var s = File.OpenRead(p); yield return s; }
            }
        }
        """);

    [Fact]
    public Task Added_to_collection_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            List<Stream> M(string[] paths)
            {
                var all = new List<Stream>();
                foreach (var p in paths) { var s = File.OpenRead(p); all.Add(s); }
                return all;
            }
        }
        """);

    [Fact]
    public Task Injected_and_borrowed_values_are_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            private readonly Stream _shared;
            C(Stream shared) { _shared = shared; }
            long M(Stream parameter, IServiceProvider services)
            {
                var a = parameter;
                var b = _shared;
                var c = Console.Out;
                var d = (IDisposable)services.GetService(typeof(IDisposable));
                return a.Length + b.Length;
            }
        }
        """);

    [Fact]
    public Task Harmless_disposables_are_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            string M()
            {
                var ms = new MemoryStream();
                var sr = new StringReader("x");
                var sw = new StringWriter();
                var cts = new CancellationTokenSource();
                var sem = new SemaphoreSlim(1);
                var t = Task.Run(() => 1);
                return sw.ToString() + sr.ReadToEnd() + ms.Length + cts.IsCancellationRequested + sem.CurrentCount;
            }
        }
        """);

    [Fact]
    public Task Captured_by_lambda_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            Func<long> M(string path) { var s = File.OpenRead(path); return () => s.Length; }
        }
        """);

    [Fact]
    public Task Disposed_through_interface_cast_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(string path)
            {
                var a = File.OpenRead(path);
                ((IDisposable)a).Dispose();
                object b = File.OpenRead(path);
                (b as IDisposable)?.Dispose();
                var c = File.OpenRead(path);
                if (c is IDisposable d) d.Dispose();
            }
        }
        """);

    [Fact]
    public Task Disposed_by_source_helper_is_clean() => Verifier.Diagnostics(Usings + """
        static class Disposer { public static void SafeDispose(IDisposable d) { try { d?.Dispose(); } catch { } } }
        class C
        {
            void M(string path) { var s = File.OpenRead(path); Disposer.SafeDispose(s); }
        }
        """);

    [Fact]
    public Task Helper_that_only_checks_and_names_its_argument_does_not_take_it() => Verifier.Diagnostics(Usings + """
        static class Check
        {
            public static long Length(Stream stream)
            {
                ArgumentNullException.ThrowIfNull(stream);
                if (!stream.CanRead) throw new ArgumentException("unreadable", nameof(stream));
                GC.KeepAlive(stream);
                return stream.Length;
            }
        }
        class C
        {
            long M(string path) { var s = {|OWN101:File.OpenRead(path)|}; return Check.Length(s); }
        }
        """);

    [Fact]
    public Task Dispose_then_rethrow_and_disposed_after_catch_are_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            Stream M(string path)
            {
                var s = File.OpenRead(path);
                try
                {
                    s.ReadByte();
                    return s;
                }
                catch
                {
                    s.Dispose();
                    throw;
                }
            }
        }
        """);

    [Fact]
    public Task Reassigned_after_dispose_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(string a, string b)
            {
                var s = File.OpenRead(a);
                s.Dispose();
                s = File.OpenRead(b);
                s.Dispose();
            }
        }
        """);

    [Fact]
    public Task Ref_argument_is_not_a_transfer_and_pattern_dispose_ref_struct_is_clean() => Verifier.Diagnostics(Usings + """
        ref struct Builder { public void Append(char c) { } public void Dispose() { } }
        class C
        {
            static void Fill(ref Builder b) => b.Append('x');
            void M() { var b = new Builder(); try { Fill(ref b); } finally { b.Dispose(); } }
            void N() { var b = new Builder(); Fill(ref b); b.Dispose(); }
        }
        """);

    [Fact]
    public Task Result_of_GetAwaiter_GetResult_returned_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            Task<Stream> OpenAsync(string p) => Task.FromResult<Stream>(File.OpenRead(p));
            Stream M(string p) { var s = OpenAsync(p).GetAwaiter().GetResult(); return s; }
            HttpResponseMessage N(HttpClient client) => client.GetAsync("http://localhost").GetAwaiter().GetResult();
            HttpResponseMessage O(HttpClient client) { var r = client.GetAsync("http://localhost").Result; return r; }
        }
        """);

    [Fact]
    public Task Switch_and_goto_paths_are_followed() => Verifier.Diagnostics(Usings + """
        class C
        {
            int M(string p, int k)
            {
                var s = File.OpenRead(p);
                switch (k)
                {
                    case 0: s.Dispose(); return 0;
                    case 1: goto default;
                    default: s.Dispose(); return 1;
                }
            }
        }
        """);

    [Fact]
    public Task Local_function_and_lambda_bodies_are_separate_owners() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(string p)
            {
                Local();
                Action a = () => { using var t = File.OpenRead(p); };
                a();
                void Local() { using var s = File.OpenRead(p); }
            }
        }
        """);

    [Fact]
    public Task Options_harmless_type_and_factory_are_read_from_editorconfig() => Verifier.Diagnostics(Usings + """
        namespace Lib { public sealed class Pool { public Stream Get() => null; } }
        class C
        {
            long M(string path, Lib.Pool pool)
            {
                var a = File.OpenRead(path);
                var b = {|OWN101:pool.Get()|};
                return a.Length + b.Length;
            }
        }
        """, "ownership.harmless_types = System.IO.FileStream\nownership.factory_methods = Lib.Pool.Get\n");

    [Fact]
    public Task Release_under_an_ownership_flag_is_a_conditional_owner() => Verifier.Diagnostics(Usings + """
        class C
        {
            long M(string path, Stream shared, bool useShared)
            {
                Stream s;
                var owns = false;
                if (useShared) { s = shared; }
                else { s = File.OpenRead(path); owns = true; }
                try { return s.Length; }
                finally { if (owns) s.Dispose(); }
            }

            void N(string path, bool flag)
            {
                if (flag)
                {
                    var s = {|OWN101:File.OpenRead(path)|};
                    if (s.Length > 0) s.Dispose();
                }
            }
        }
        """);

    [Fact]
    public Task Source_method_that_disposes_its_instance_is_a_release() => Verifier.Diagnostics(Usings + """
        struct PooledBuilder : IDisposable
        {
            public void Append(string s) { }
            public override string ToString() { var text = "x"; Dispose(); return text; }
            public void Dispose() { }
        }
        class C
        {
            string M() { var b = new PooledBuilder(); b.Append("a"); return b.ToString(); }
            string N() { var b = {|OWN101:new PooledBuilder()|}; b.Append("a"); return "b"; }
        }
        """);

    [Fact]
    public Task Source_types_whose_dispose_releases_nothing_are_not_tracked() => Verifier.Diagnostics(Usings + """
        sealed class Buffer : IDisposable
        {
            private MemoryStream _data = new MemoryStream();
            private bool _disposed;
            public void Dispose() { _data?.Dispose(); _data = null; _disposed = true; GC.SuppressFinalize(this); }
        }
        sealed class NoOpScope : IDisposable { public void Dispose() { } }
        sealed class Real : IDisposable
        {
            private readonly Stream _file = File.OpenRead("a");
            public void Dispose() => _file.Dispose();
        }
        sealed class Unlocks : IDisposable
        {
            private readonly object _gate;
            public Unlocks(object gate) => _gate = gate;
            public void Dispose() => System.Threading.Monitor.Exit(_gate);
        }
        class C
        {
            private readonly object _gate = new object();
            void M()
            {
                var a = new Buffer();
                var b = new NoOpScope();
                var c = {|OWN101:new Real()|};
                System.Threading.Monitor.Enter(_gate);
                var d = {|OWN101:new Unlocks(_gate)|};
            }
            void Unentered()
            {
                // No monitor is entered here: the scope holds nothing (disposing it would even throw).
                var e = new Unlocks(_gate);
            }
        }
        """);

    [Fact]
    public Task Enumerators_are_not_tracked() => Verifier.Diagnostics(Usings + """
        class C
        {
            int M(List<int> items)
            {
                var e = items.GetEnumerator();
                IEnumerator<int> f = ((IEnumerable<int>)items).GetEnumerator();
                return e.MoveNext() && f.MoveNext() ? 1 : 0;
            }
        }
        """);

    [Fact]
    public Task Release_guarded_by_identity_with_a_borrowed_value_is_a_conditional_owner() => Verifier.Diagnostics(Usings + """
        class C
        {
            private Stream _base;
            void M(string path, bool direct)
            {
                Stream target;
                if (direct) target = _base;
                else target = new FileStream(path, FileMode.Open);
                try { target.WriteByte(1); }
                finally { if (target != _base) target.Dispose(); }
            }
        }
        """);

    [Fact]
    public Task Release_under_the_condition_of_the_creation_is_a_conditional_owner() => Verifier.Diagnostics(Usings + """
        class Client : IDisposable { public Client Clone() => new Client(); public void Dispose() { } public void Ping() { } private Stream _s = File.OpenRead("x"); }
        class C
        {
            void M(Client client, bool clone)
            {
                var c = clone ? client.Clone() : client;
                c.Ping();
                if (clone) { c.Dispose(); }
            }
        }
        """);

    [Fact]
    public Task Argument_stored_through_a_pattern_variable_is_handed_on() => Verifier.Diagnostics(Usings + """
        sealed class Keyed : IDisposable
        {
            private readonly Dictionary<string, IDisposable> _items = new();
            public TItem Add<TItem>(string key, TItem item)
            {
                if (item is IDisposable disposable)
                {
                    _items[key] = disposable;
                }

                return item;
            }
            public TItem Peek<TItem>(TItem item)
            {
                if (item is IDisposable disposable)
                {
                    Console.WriteLine(disposable.GetHashCode());
                }

                return item;
            }
            public void Dispose() { foreach (var item in _items.Values) item.Dispose(); }
        }
        class C
        {
            private readonly Keyed _children = new();
            void Stored()
            {
                var timer = _children.Add("b", new Timer(_ => { }));
                timer.Change(0, 1);
            }
            void OnlyLooked()
            {
                var timer = _children.Peek({|OWN101:new Timer(_ => { })|});
                timer.Change(0, 1);
            }
        }
        """);

    [Fact]
    public Task A_wrapper_over_what_a_lookup_returns_wraps_a_borrowed_value() => Verifier.Diagnostics(Usings + """
        sealed class Proxy : IDisposable
        {
            private readonly Stream _inner;
            public Proxy(Stream inner) => _inner = inner;
            public long Length => _inner.Length;
            public void Dispose() => _inner.Dispose();
        }
        class C
        {
            private readonly Dictionary<string, Stream> _open = new();
            long Measure(string key)
            {
                if (_open.TryGetValue(key, out var stream))
                {
                    var proxy = new Proxy(stream);
                    return proxy.Length;
                }

                return 0;
            }
            long Reassigned(string key, string path)
            {
                if (!_open.TryGetValue(key, out var stream))
                {
                    stream = File.OpenRead(path);
                }

                var proxy = {|OWN101:new Proxy(stream)|};
                return proxy.Length;
            }
        }
        """);

    [Fact]
    public Task Value_stored_by_Interlocked_is_handed_on() => Verifier.Diagnostics(Usings + """
        class C
        {
            private ManualResetEvent _event;
            WaitHandle Handle
            {
                get
                {
                    var created = new ManualResetEvent(false);
                    if (Interlocked.CompareExchange(ref _event, created, null) != null) created.Dispose();
                    return _event;
                }
            }
        }
        """);

    [Fact]
    public Task Managed_wrapper_over_a_borrowed_stream_is_not_tracked() => Verifier.Diagnostics(Usings + """
        class C
        {
            private Stream _socket;
            void Send(Stream stream, string line)
            {
                var writer = new StreamWriter(stream);
                writer.WriteLine(line);
                writer.Flush();
                var fieldWriter = new StreamWriter(_socket);
                fieldWriter.Flush();
            }
            void Compress(Stream stream)
            {
                var gzip = {|OWN101:new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Compress)|};
                gzip.WriteByte(1);
            }
        }
        """);

    [Fact]
    public Task Task_not_awaited_where_made_is_not_reported_on_some_paths() => Verifier.Diagnostics(Usings + """
        using System.Data.Common;
        class C
        {
            Task<DbDataReader> M(DbCommand cmd)
            {
                var task = cmd.ExecuteReaderAsync();
                if (task.Status == TaskStatus.Faulted) return cmd.ExecuteReaderAsync();
                return task;
            }
        }
        """);
}
