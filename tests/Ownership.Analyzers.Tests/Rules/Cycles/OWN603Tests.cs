using Ownership.Analyzers.Rules.Cycles;
using OWN603 = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Cycles.OWN603NativePeerInstanceEventAnalyzer>;

namespace Ownership.Analyzers.Tests.Rules.Cycles;

public class OWN603Tests
{
    private const string Stubs = NativePeerStubs.Source;

    [Fact]
    public Task Instance_method_subscribed_to_a_subview_event_is_reported() => OWN603.Diagnostics(Stubs + """
        class CheckoutController : UIViewController
        {
            private readonly UIButton _pay = new UIButton();
            public override void ViewDidLoad() { {|OWN603:_pay.TouchUpInside += OnPay|}; }
            private void OnPay(object? sender, EventArgs e) { }
        }
        """);

    [Fact]
    public Task Static_method_subscribed_to_a_subview_event_is_clean() => OWN603.Diagnostics(Stubs + """
        class CheckoutController : UIViewController
        {
            private readonly UIButton _pay = new UIButton();
            public override void ViewDidLoad() { _pay.TouchUpInside += OnPay; }
            private static void OnPay(object? sender, EventArgs e) { }
        }
        """);

    [Fact]
    public Task Lambda_that_captures_this_is_reported() => OWN603.Diagnostics(Stubs + """
        class CheckoutController : UIViewController
        {
            private int _taps;
            public void Wire(UIButton button) { {|OWN603:button.TouchUpInside += (s, e) => _taps++|}; }
        }
        """);

    [Fact]
    public Task Lambda_that_captures_nothing_of_this_is_clean() => OWN603.Diagnostics(Stubs + """
        class CheckoutController : UIViewController
        {
            public void Wire(UIButton button, Action log)
            {
                button.TouchUpInside += (s, e) => log();
                button.TouchUpInside += static (s, e) => Console.WriteLine("tap");
            }
        }
        """);

    [Fact]
    public Task Public_field_like_event_on_a_peer_is_reported() => OWN603.Diagnostics(Stubs + """
        class RatingView : UIView
        {
            public event EventHandler? {|OWN603:RatingChanged|};
            protected void Raise() => RatingChanged?.Invoke(this, EventArgs.Empty);
        }
        """);

    [Fact]
    public Task Private_abstract_and_accessor_events_and_events_of_non_peers_are_clean() => OWN603.Diagnostics(Stubs + """
        class RatingView : UIView
        {
            private event EventHandler? Internal;
            private EventHandler? _changed;
            public event EventHandler? RatingChanged { add { _changed += value; } remove { _changed -= value; } }
            protected void Raise() { Internal?.Invoke(this, EventArgs.Empty); _changed?.Invoke(this, EventArgs.Empty); }
        }
        abstract class Gauge : UIView
        {
            public abstract event EventHandler? ValueChanged;
        }
        class RatingModel
        {
            public event EventHandler? Changed;
            protected void Raise() => Changed?.Invoke(this, EventArgs.Empty);
        }
        """);

    [Fact]
    public Task Subscribing_to_its_own_event_or_from_a_non_peer_is_clean() => OWN603.Diagnostics(Stubs + """
        class TapView : UIView
        {
            public TapView() { TouchUpInside += OnTap; this.TouchUpInside += OnTap; }
            private void OnTap(object? sender, EventArgs e) { }
        }
        class Presenter
        {
            public Presenter(UIButton button) { button.TouchUpInside += OnTap; }
            private void OnTap(object? sender, EventArgs e) { }
        }
        """);

    [Fact]
    public Task Unsubscribing_is_clean_and_subscribing_to_a_non_peer_publisher_is_clean() => OWN603.Diagnostics(Stubs + """
        class Model { public event EventHandler? Changed; public void Raise() => Changed?.Invoke(this, EventArgs.Empty); }
        class CheckoutController : UIViewController
        {
            private readonly UIButton _pay = new UIButton();
            public void Bind(Model model) { model.Changed += OnPay; }
            public void Unwire() { _pay.TouchUpInside -= OnPay; }
            private void OnPay(object? sender, EventArgs e) { }
        }
        """);

    [Fact]
    public async Task Message_names_the_subscriber_handler_and_event()
    {
        var messages = await CycleDiagnostics.MessagesAsync(new OWN603NativePeerInstanceEventAnalyzer(), Stubs + """
            class CheckoutController : UIViewController
            {
                public void Wire(UIButton pay) { pay.TouchUpInside += OnPay; }
                private void OnPay(object? sender, EventArgs e) { }
            }
            """);
        var message = Assert.Single(messages);
        Assert.StartsWith("Native peer 'CheckoutController' subscribes its instance method 'OnPay' to 'UIButton.TouchUpInside'", message);
    }
}
