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
