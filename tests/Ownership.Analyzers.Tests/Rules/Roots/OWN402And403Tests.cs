using Verifier402 = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Roots.OWN402AnonymousHandlerOnLongerLivedEventAnalyzer>;
using Verifier403 = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Roots.OWN403UnsubscribingNewAnonymousDelegateAnalyzer>;

namespace Ownership.Analyzers.Tests.Rules.Roots;

public class OWN402And403Tests
{
    private const string Usings = "using System;\n";

    private const string Publishers = """
        static class Clock { public static event EventHandler Tick; }
        interface IBus { event EventHandler Changed; }
        class Button { public event EventHandler Click; }

        """;

    [Fact]
    public Task Lambda_capturing_this_on_a_longer_lived_event_is_reported() => Verifier402.Diagnostics(Usings + Publishers + """
        class View
        {
            private int _ticks;
            private readonly IBus _bus;
            public View(IBus bus)
            {
                _bus = bus;
                {|OWN402:Clock.Tick += (s, e) => _ticks++|};
                {|OWN402:_bus.Changed += delegate { Refresh(); }|};
                {|OWN402:bus.Changed += (s, e) => this.Refresh()|};
            }
            private void Refresh() { }
        }
        """);

    [Fact]
    public Task Lambdas_that_root_nothing_or_on_owned_publishers_are_clean() => Verifier402.Diagnostics(Usings + Publishers + """
        class View
        {
            private readonly Button _button = new Button();
            private int _clicks;
            public event EventHandler Refreshed;
            public View(IBus bus)
            {
                var count = 0;
                Clock.Tick += (s, e) => count++;
                Clock.Tick += (s, e) => Console.WriteLine("tick");
                _button.Click += (s, e) => _clicks++;
                Refreshed += (s, e) => _clicks++;
                var local = new Button();
                local.Click += (s, e) => _clicks++;
            }
        }
        static class Program
        {
            static void Main() { Clock.Tick += (s, e) => Console.WriteLine("tick"); }
        }
        """);

    [Fact]
    public Task Instances_made_only_to_attach_themselves_to_a_handed_in_publisher_live_by_design() => Verifier402.Diagnostics(Usings + """
        class Client { public event EventHandler Connected; public event EventHandler Lost; }
        static class CachingExtensions
        {
            public static void UseCaching(this Client client) => new CachingContext(client).Start();
            public static void UseTracing(this Client client) { new Tracer(client); }
            public static Clocked Timed(this Client client) => new Clocked(client);
            public static void Watch() { new StaticWatcher().Start(); }

            // Made only to attach itself: the client holds it, and its lifetime is the client's.
            private sealed class CachingContext
            {
                private readonly Client _client;
                private int _connections;
                public CachingContext(Client client) => _client = client;
                public void Start()
                {
                    _client.Connected += (_, _) => _connections++;
                    _client.Lost += (_, _) => _connections--;
                }
            }
            private sealed class Tracer
            {
                private int _seen;
                public Tracer(Client client) { client.Connected += (_, _) => _seen++; }
            }

            // Returned to the caller, who keeps it: the client outliving it still roots it.
            internal sealed class Clocked
            {
                private int _seen;
                public Clocked(Client client) { {|OWN402:client.Connected += (_, _) => _seen++|}; }
            }

            // Dropped at once, but built from the creator's own member on every call: each call
            // attaches one more instance to the same long-lived client.
            internal sealed class PerRequest
            {
                private readonly Client _client;
                public PerRequest(Client client) => _client = client;
                public void Handle() => new RequestLogger(_client).Start();
            }
            private sealed class RequestLogger
            {
                private readonly Client _client;
                private int _seen;
                public RequestLogger(Client client) => _client = client;
                public void Start() { {|OWN402:_client.Connected += (_, _) => _seen++|}; }
            }

            // Dropped at once, but attached to a static event: every instance lives for ever.
            private sealed class StaticWatcher
            {
                private int _ticks;
                public void Start() { {|OWN402:Clock.Tick += (_, _) => _ticks++|}; }
            }
        }
        """ + Publishers);

    [Fact]
    public Task Removing_a_lambda_is_reported() => Verifier403.Diagnostics(Usings + Publishers + """
        class View
        {
            public View(IBus bus)
            {
                bus.Changed += (s, e) => Refresh();
                bus.Changed -= {|OWN403:(s, e) => Refresh()|};
                Clock.Tick -= new EventHandler({|OWN403:delegate { Refresh(); }|});
            }
            private static void Refresh() { }
        }
        """);

    [Fact]
    public Task Removing_methods_and_kept_delegates_is_clean() => Verifier403.Diagnostics(Usings + Publishers + """
        class View
        {
            private readonly EventHandler _handler;
            public View(IBus bus)
            {
                _handler = (s, e) => Refresh();
                bus.Changed += _handler;
                bus.Changed -= _handler;
                EventHandler local = (s, e) => Refresh();
                Clock.Tick += local;
                Clock.Tick -= local;
                Clock.Tick -= OnTick;
                Clock.Tick -= new EventHandler(OnTick);
            }
            private static void Refresh() { }
            private static void OnTick(object sender, EventArgs e) { }
        }
        """);
}
