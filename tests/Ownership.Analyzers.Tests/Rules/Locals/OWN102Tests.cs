using Ownership.Analyzers.Rules.Locals;
using Ownership.Analyzers.Tests.Verifiers;
using Verifier = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Locals.OWN102CreatedResourceDiscardedAnalyzer>;

namespace Ownership.Analyzers.Tests.Rules.Locals;

public class OWN102Tests
{
    private const string Usings = "using System; using System.IO; using System.Net.Http; using System.Threading.Tasks; using System.Collections.Generic;\n";

    [Fact]
    public Task Creation_as_statement_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(string path) { {|OWN102:new FileStream(path, FileMode.Open)|}; }
        }
        """);

    [Fact]
    public Task Factory_assigned_to_discard_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(string path) { _ = {|OWN102:File.OpenRead(path)|}; }
        }
        """);

    [Fact]
    public Task Call_on_temporary_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            async Task<string> M(string url) => await {|OWN102:new HttpClient()|}.GetStringAsync(url);
        }
        """);

    [Fact]
    public Task Argument_to_non_owning_source_method_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            static long Length(Stream s) => s.Length;
            long M(string path) => Length({|OWN102:File.OpenRead(path)|});
        }
        """);

    [Fact]
    public Task Awaited_factory_result_dropped_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            async Task M(HttpClient client) { await {|OWN102:client.GetAsync("http://localhost")|}; }
        }
        """);

    [Fact]
    public Task Source_factory_result_dropped_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            static Stream Open(string p) => File.OpenRead(p);
            void M() { {|OWN102:Open("a")|}; }
        }
        """);

    [Fact]
    public Task Discard_in_lambda_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M() { Action a = () => { {|OWN102:File.OpenRead("a")|}; }; a(); }
        }
        """);

    // ---- clean look-alikes ----

    [Fact]
    public Task Returned_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            Stream M(string path) => File.OpenRead(path);
            Stream N(string path) { return new FileStream(path, FileMode.Open); }
        }
        """);

    [Fact]
    public Task Assigned_to_field_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            private Stream _s;
            void M(string path) { _s = File.OpenRead(path); }
        }
        """);

    [Fact]
    public Task Passed_to_owning_wrapper_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            string M(string path)
            {
                using var reader = new StreamReader(File.OpenRead(path));
                return reader.ReadToEnd();
            }
        }
        """);

    [Fact]
    public Task HttpClient_takes_handler_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            HttpClient M() => new HttpClient(new HttpClientHandler());
        }
        """);

    [Fact]
    public Task Task_is_not_a_tracked_resource() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M() { Task.Run(() => { }); _ = Task.Delay(10); }
        }
        """);

    [Fact]
    public Task Harmless_types_are_not_tracked() => Verifier.Diagnostics(Usings + """
        class C
        {
            string M() { new MemoryStream(); _ = new StringReader("x"); return new StringWriter().ToString(); }
        }
        """);

    [Fact]
    public Task Added_to_a_linked_list_is_clean() => Verifier.Diagnostics(Usings + """
        class Pending : IDisposable
        {
            private readonly LinkedList<Stream> _waiting = new();
            public LinkedListNode<Stream> Wait(string path) => _waiting.AddLast(File.OpenRead(path));
            public void Urgent(string path) => _waiting.AddFirst(File.OpenRead(path));
            public void After(LinkedListNode<Stream> node, string path) => _waiting.AddAfter(node, File.OpenRead(path));
            public bool Known(string path) => _waiting.Contains({|OWN102:File.OpenRead(path)|});
            public void Dispose() { foreach (var stream in _waiting) stream.Dispose(); }
        }
        """);

    [Fact]
    public Task Added_to_collection_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            List<IDisposable> M()
            {
                var list = new List<IDisposable>();
                list.Add(File.OpenRead("a"));
                var other = new List<Stream> { File.OpenRead("b") };
                list.AddRange(other);
                return list;
            }
        }
        """);

    [Fact]
    public Task Using_statement_on_creation_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(string path) { using (File.OpenRead(path)) { } using (new FileStream(path, FileMode.Open)) { } }
        }
        """);

    [Fact]
    public Task Borrowed_values_dropped_are_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            Stream _field;
            Stream Get() => _field;
            void M(Stream s) { _ = s; _ = Get(); _ = Console.Out; }
        }
        """);

    [Fact]
    public Task Argument_to_source_method_that_disposes_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            static void Consume(Stream s) { using (s) { } }
            static void Keep(List<Stream> all, Stream s) => all.Add(s);
            void M(List<Stream> all) { Consume(File.OpenRead("a")); Keep(all, File.OpenRead("b")); }
        }
        """);

    [Fact]
    public Task Fluent_call_returning_receiver_is_clean() => Verifier.Diagnostics(Usings + """
        class Builder : IDisposable
        {
            public Builder With(int x) => this;
            public void Dispose() { }
        }
        class C
        {
            Builder M() => new Builder().With(1).With(2);
        }
        """);

    [Fact]
    public Task Property_returning_its_instance_stands_for_it() => Verifier.Diagnostics(Usings + """
        interface ISession : IDisposable { }
        sealed class Session : ISession
        {
            private readonly Stream _log = File.OpenRead("log");
            internal ISession InternalRef => this;
            public ISession Self { get { return (ISession)this; } }
            public int Count => 1;
            public void Dispose() => _log.Dispose();
        }
        class C
        {
            ISession Make() => new Session().InternalRef;
            ISession Block() => new Session().Self;
            int Leak() => {|OWN102:new Session()|}.Count;
        }
        """);

    [Fact]
    public Task Captured_by_returned_lambda_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            Func<long> M() { var s = File.OpenRead("a"); return () => s.Length; }
        }
        """);
}
