using Ownership.Analyzers.Rules.Cycles;
using OWN601 = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Cycles.OWN601OwnershipCycleAnalyzer>;

namespace Ownership.Analyzers.Tests.Rules.Cycles;

public class OWN601Tests
{
    private const string Usings = "using System; using System.IO; using System.Threading;\n";

    [Fact]
    public Task Child_that_disposes_the_parent_that_owns_it_is_reported_once_at_the_back_edge() => OWN601.Diagnostics(Usings + """
        sealed class Parent : IDisposable
        {
            private readonly Child _child;
            public Parent() { _child = new Child(this); }
            public void Dispose() => _child.Dispose();
        }
        sealed class Child : IDisposable
        {
            private readonly Parent _parent;
            public Child(Parent parent) { _parent = parent; }
            public void Dispose() => {|OWN601:_parent.Dispose()|};
        }
        """);

    [Fact]
    public Task Back_edge_that_is_only_borrowed_is_clean() => OWN601.Diagnostics(Usings + """
        sealed class Parent : IDisposable
        {
            private readonly Child _child;
            public Parent() { _child = new Child(this); }
            public void Dispose() => _child.Dispose();
        }
        sealed class Child : IDisposable
        {
            private readonly Parent _parent;
            private readonly Stream _log = File.OpenWrite("log");
            public Child(Parent parent) { _parent = parent; }
            public void Dispose() => _log.Dispose();
        }
        """);

    [Fact]
    public Task Chain_of_three_closed_by_a_release_of_the_root_is_reported_once() => OWN601.Diagnostics(Usings + """
        sealed class Session : IDisposable
        {
            private readonly Channel _channel;
            public Session() { _channel = new Channel(this); }
            public void Dispose() => _channel.Dispose();
        }
        sealed class Channel : IDisposable
        {
            private readonly Buffer _buffer;
            public Channel(Session session) { _buffer = new Buffer(session); }
            public void Dispose() => _buffer.Dispose();
        }
        sealed class Buffer : IDisposable
        {
            private readonly Session _session;
            public Buffer(Session session) { _session = session; }
            public void Dispose() => {|OWN601:_session.Dispose()|};
        }
        """);

    [Fact]
    public Task Chain_of_three_without_a_release_back_is_clean() => OWN601.Diagnostics(Usings + """
        sealed class Session : IDisposable
        {
            private readonly Channel _channel = new Channel();
            public void Dispose() => _channel.Dispose();
        }
        sealed class Channel : IDisposable
        {
            private readonly Buffer _buffer = new Buffer();
            public void Dispose() => _buffer.Dispose();
        }
        sealed class Buffer : IDisposable
        {
            private readonly Stream _stream = File.OpenRead("b");
            public void Dispose() => _stream.Dispose();
        }
        """);

    [Fact]
    public async Task Message_names_the_whole_cycle_ending_with_the_closing_edge()
    {
        var messages = await CycleDiagnostics.MessagesAsync(new OWN601OwnershipCycleAnalyzer(), Usings + """
            sealed class Session : IDisposable
            {
                private readonly Channel _channel;
                public Session() { _channel = new Channel(this); }
                public void Dispose() => _channel.Dispose();
            }
            sealed class Channel : IDisposable
            {
                private readonly Buffer _buffer;
                public Channel(Session session) { _buffer = new Buffer(session); }
                public void Dispose() => _buffer.Dispose();
            }
            sealed class Buffer : IDisposable
            {
                private readonly Session _session;
                public Buffer(Session session) { _session = session; }
                public void Dispose() => _session.Dispose();
            }
            """);
        var message = Assert.Single(messages);
        Assert.Contains("'Session' releases 'Channel' ('_channel'), 'Channel' releases 'Buffer' ('_buffer'), 'Buffer' releases 'Session' ('_session')", message);
    }

    [Fact]
    public Task Two_owners_that_create_each_other_are_reported_once_at_the_edge_into_the_first_type() => OWN601.Diagnostics(Usings + """
        sealed class Alpha : IDisposable
        {
            private Beta? _beta;
            public void Open() { _beta = new Beta(); }
            public void Dispose() => _beta?.Dispose();
        }
        sealed class Beta : IDisposable
        {
            private Alpha? _alpha;
            public void Open() { _alpha = new Alpha(); }
            public void Dispose() => {|OWN601:_alpha?.Dispose()|};
        }
        """);

    [Fact]
    public Task Linked_list_node_owning_the_next_node_is_a_chain_not_a_cycle() => OWN601.Diagnostics(Usings + """
        sealed class Segment : IDisposable
        {
            private readonly Stream _data = File.OpenRead("seg");
            private Segment? _next;
            public void Grow() { _next = new Segment(); }
            public void Dispose() { _data.Dispose(); _next?.Dispose(); }
        }
        sealed class Tree<T> : IDisposable
        {
            private Tree<T>? _left, _right;
            public void Split() { _left = new Tree<T>(); _right = new Tree<T>(); }
            public void Dispose() { _left?.Dispose(); _right?.Dispose(); }
        }
        """);

    [Fact]
    public Task Node_that_owns_the_next_node_and_releases_the_previous_one_is_a_cycle() => OWN601.Diagnostics(Usings + """
        sealed class Link : IDisposable
        {
            private readonly Link? _previous;
            private Link? _next;
            public Link(Link? previous) { _previous = previous; }
            public void Append() { _next = new Link(this); }
            public void Dispose() { _next?.Dispose(); {|OWN601:_previous?.Dispose()|}; }
        }
        """);

    [Fact]
    public Task Member_typed_as_a_base_class_links_to_the_type_the_owner_creates() => OWN601.Diagnostics(Usings + """
        abstract class Component : IDisposable
        {
            public abstract void Dispose();
        }
        sealed class Host : IDisposable
        {
            private readonly Component _part;
            public Host() { _part = new Engine(this); }
            public void Dispose() => _part.Dispose();
        }
        sealed class Engine : Component
        {
            private readonly Host _host;
            public Engine(Host host) { _host = host; }
            public override void Dispose() => {|OWN601:_host.Dispose()|};
        }
        """);

    [Fact]
    public Task Decorators_over_an_interface_are_chains_of_instances_and_clean() => OWN601.Diagnostics(Usings + """
        interface IChannel : IDisposable { void Send(byte[] data); }
        sealed class Compressing : IChannel
        {
            private readonly IChannel _inner;
            public Compressing(IChannel inner) { _inner = inner; }
            public void Send(byte[] data) => _inner.Send(data);
            public void Dispose() => _inner.Dispose();
        }
        sealed class Encrypting : IChannel
        {
            private readonly IChannel _inner;
            public Encrypting(IChannel inner) { _inner = inner; }
            public void Send(byte[] data) => _inner.Send(data);
            public void Dispose() => _inner.Dispose();
        }
        sealed class Wrappers : IDisposable
        {
            private readonly Stream _stream;
            public Wrappers(Stream stream) { _stream = new BufferedStream(stream); }
            public void Dispose() => _stream.Dispose();
        }
        """);

    [Fact]
    public Task Cycle_across_partial_declarations_is_reported_once() => OWN601.Diagnostics(Usings + """
        sealed partial class Window : IDisposable
        {
            private readonly Pane _pane;
            public Window() { _pane = new Pane(this); }
        }
        sealed partial class Window
        {
            public void Dispose() => _pane.Dispose();
        }
        sealed class Pane : IDisposable
        {
            private readonly Window _window;
            public Pane(Window window) { _window = window; }
            public void Dispose() => {|OWN601:_window.Dispose()|};
        }
        """);

    [Fact]
    public Task Cycle_through_a_type_with_invalid_code_is_silent() => OWN601.Diagnostics(Usings + """
        sealed class Parent : IDisposable
        {
            private readonly Child _child;
            public Parent() { _child = new Child(this); }
            public void Dispose() => _child.Dispose();
        }
        sealed class Child : IDisposable
        {
            private readonly Parent _parent;
            public Child(Parent parent) { _parent = parent; }
            public void Dispose() { _parent.Dispose(); {|CS0103:undefined|}.Close(); }
        }
        """);

    [Fact]
    public Task Record_owners_form_cycles_too() => OWN601.Diagnostics(Usings + """
        sealed record Document : IDisposable
        {
            private readonly Page _page;
            public Document() { _page = new Page(this); }
            public void Dispose() => _page.Dispose();
        }
        sealed record Page(Document Owner) : IDisposable
        {
            public void Dispose() => {|OWN601:Owner.Dispose()|};
        }
        """);

    [Fact]
    public Task Generic_owner_and_lease_that_release_each_other_are_reported() => OWN601.Diagnostics(Usings + """
        sealed class Pool<T> : IDisposable
        {
            private Lease<T>? _current;
            public Lease<T> Rent() => _current = new Lease<T>(this);
            public void Dispose() => _current?.Dispose();
        }
        sealed class Lease<T> : IDisposable
        {
            private readonly Pool<T> _pool;
            public Lease(Pool<T> pool) { _pool = pool; }
            public void Dispose() => {|OWN601:_pool.Dispose()|};
        }
        """);

    [Fact]
    public Task Back_reference_typed_as_an_interface_is_not_followed() => OWN601.Diagnostics(Usings + """
        sealed class Parent : IDisposable
        {
            private readonly Child _child;
            public Parent() { _child = new Child(this); }
            public void Dispose() => _child.Dispose();
        }
        sealed class Child : IDisposable
        {
            private readonly IDisposable _owner;
            public Child(IDisposable owner) { _owner = owner; }
            public void Dispose() => _owner.Dispose();
        }
        """);

    [Fact]
    public Task Back_reference_inherited_from_a_base_type_is_reported_once_on_the_derived_type() => OWN601.Diagnostics(Usings + """
        abstract class Widget : IDisposable
        {
            private readonly Form _form;
            protected Widget(Form form) { _form = form; }
            public void Dispose() => _form.Dispose();
        }
        sealed class {|OWN601:Button|} : Widget
        {
            public Button(Form form) : base(form) { }
        }
        sealed class Form : IDisposable
        {
            private readonly Widget _ok;
            public Form() { _ok = new Button(this); }
            public void Dispose() => _ok.Dispose();
        }
        """);

}
