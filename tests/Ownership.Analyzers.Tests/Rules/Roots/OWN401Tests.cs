using Verifier = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Roots.OWN401EventHandlerNeverUnsubscribedAnalyzer>;

namespace Ownership.Analyzers.Tests.Rules.Roots;

public class OWN401Tests
{
    private const string Usings = "using System; using System.ComponentModel;\n";

    private const string Publishers = """
        static class Clock { public static event EventHandler Tick; }
        interface IBus { event EventHandler Changed; }
        class Button { public event EventHandler Click; }
        static class Services { public static IBus Bus { get; set; } }

        """;

    [Fact]
    public Task Static_event_never_unsubscribed_is_reported() => Verifier.Diagnostics(Usings + Publishers + """
        class View
        {
            public View() { {|OWN401:Clock.Tick += OnTick|}; }
            private void OnTick(object sender, EventArgs e) { }
        }
        class Shutdown
        {
            public void Start() => {|OWN401:AppDomain.CurrentDomain.ProcessExit += this.OnExit|};
            private void OnExit(object sender, EventArgs e) { }
        }
        """);

    [Fact]
    public Task Injected_and_static_publishers_never_unsubscribed_are_reported() => Verifier.Diagnostics(Usings + Publishers + """
        sealed class ViewModel : IDisposable
        {
            private readonly IBus _bus;
            public ViewModel(IBus bus, IBus other)
            {
                _bus = bus;
                {|OWN401:_bus.Changed += OnChanged|};
                {|OWN401:other.Changed += new EventHandler(OnChanged)|};
                {|OWN401:Services.Bus.Changed += OnChanged|};
            }
            private void OnChanged(object sender, EventArgs e) { }
            public void Dispose() { }
        }
        """);

    [Fact]
    public Task A_subscriber_made_only_to_attach_itself_lives_as_long_as_its_publisher() => Verifier.Diagnostics(Usings + Publishers + """
        static class Wiring
        {
            public static void Attach(IBus bus) => new Relay(bus).Start();
            public static void AttachClock() { new ClockRelay().Start(); }
            private sealed class Relay
            {
                private readonly IBus _bus;
                private int _seen;
                public Relay(IBus bus) => _bus = bus;
                public void Start() => _bus.Changed += OnChanged;
                private void OnChanged(object sender, EventArgs e) => _seen++;
            }
            private sealed class ClockRelay
            {
                private int _ticks;
                public void Start() => {|OWN401:Clock.Tick += OnTick|};
                private void OnTick(object sender, EventArgs e) => _ticks++;
            }
        }
        """);

    [Fact]
    public Task Injected_notifier_property_changed_is_reported() => Verifier.Diagnostics(Usings + """
        class Row
        {
            private INotifyPropertyChanged Source { get; }
            public Row(INotifyPropertyChanged source) { Source = source; {|OWN401:Source.PropertyChanged += Refresh|}; }
            private void Refresh(object sender, PropertyChangedEventArgs e) { }
        }
        """);

    [Fact]
    public Task Publishers_the_instance_owns_or_is_are_clean() => Verifier.Diagnostics(Usings + Publishers + """
        class Form : INotifyPropertyChanged
        {
            private readonly Button _button = new Button();
            private Button _ok;
            public event PropertyChangedEventHandler PropertyChanged;
            public Form()
            {
                _button.Click += OnClick;
                _ok = new Button();
                _ok.Click += OnClick;
                PropertyChanged += OnSelf;
                this.PropertyChanged += OnSelf;
            }
            private void OnClick(object sender, EventArgs e) { }
            private void OnSelf(object sender, PropertyChangedEventArgs e) { }
        }
        """);

    [Fact]
    public Task Subscriptions_undone_in_dispose_or_a_detach_hook_are_clean() => Verifier.Diagnostics(Usings + Publishers + """
        sealed class ViewModel : IDisposable
        {
            private readonly IBus _bus;
            public ViewModel(IBus bus) { _bus = bus; _bus.Changed += OnChanged; Clock.Tick += OnTick; }
            private void OnChanged(object sender, EventArgs e) { }
            private void OnTick(object sender, EventArgs e) { }
            public void Dispose() { _bus.Changed -= OnChanged; Clock.Tick -= new EventHandler(OnTick); }
        }
        class Control
        {
            private IBus _bus;
            public void Attach(IBus bus) { _bus = bus; _bus.Changed += OnChanged; }
            public void Detach() => _bus.Changed -= this.OnChanged;
            private void OnChanged(object sender, EventArgs e) { }
        }
        """);

    [Fact]
    public Task Static_handlers_local_publishers_and_other_targets_are_clean() => Verifier.Diagnostics(Usings + Publishers + """
        class Worker
        {
            private readonly Helper _helper = new Helper();
            public Worker(IBus bus)
            {
                Clock.Tick += OnStaticTick;
                bus.Changed += _helper.OnChanged;
                var button = new Button();
                button.Click += OnClick;
                new Button().Click += OnClick;
            }
            private static void OnStaticTick(object sender, EventArgs e) { }
            private void OnClick(object sender, EventArgs e) { }
        }
        class Helper { public void OnChanged(object sender, EventArgs e) { } }
        class Acceptor
        {
            private void StartAccept(Button e)
            {
                if (e is null) { e = new Button(); e.Click += OnClick; }
            }
            private void Reuse(ref Button b) { b.Click += OnClick; }
            private void Wire(Button created) { created.Click += OnClick; }
            public void Build() { Wire(new Button()); }
            private void OnClick(object sender, EventArgs e) { }
        }
        static class Program
        {
            static void Main() { Clock.Tick += OnTick; }
            static void OnTick(object sender, EventArgs e) { }
        }
        """);

    [Fact]
    public Task Weak_events_and_unknown_origins_are_clean() => Verifier.Diagnostics(Usings + Publishers + """
        static class WeakEvents { public static void Add(IBus bus, EventHandler handler) { } }
        interface IFactory { IBus Create(); }
        class Listener
        {
            private readonly IBus _bus;
            private readonly IBus _maybe;
            public Listener(IFactory factory, IBus bus, bool own)
            {
                _bus = factory.Create();
                _bus.Changed += OnChanged;
                _maybe = own ? null : bus;
                WeakEvents.Add(bus, OnChanged);
            }
            private void OnChanged(object sender, EventArgs e) { }
        }
        """);

    [Fact]
    public Task Broken_code_and_struct_subscribers_are_clean() => Verifier.Diagnostics(Usings + Publishers + """
        struct Point
        {
            public Point(int x) { Clock.Tick += OnTick; }
            private void OnTick(object sender, EventArgs e) { }
        }
        class Half
        {
            public Half() { Clock.Tick += OnTick; {|CS0103:Missing|}(); }
            private void OnTick(object sender, EventArgs e) { }
        }
        """);
}
