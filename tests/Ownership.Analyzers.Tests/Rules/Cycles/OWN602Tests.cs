using OWN602 = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Cycles.OWN602NativePeerStrongReferenceAnalyzer>;

namespace Ownership.Analyzers.Tests.Rules.Cycles;

public class OWN602Tests
{
    private const string Stubs = NativePeerStubs.Source;

    [Fact]
    public Task Child_view_that_keeps_its_controller_is_reported() => OWN602.Diagnostics(Stubs + """
        class BadgeView : UIView
        {
            private readonly UIViewController {|OWN602:_controller|};
            public BadgeView(UIViewController controller) { _controller = controller; }
        }
        """);

    [Fact]
    public Task Child_view_that_keeps_its_controller_weakly_is_clean() => OWN602.Diagnostics(Stubs + """
        class BadgeView : UIView
        {
            private readonly WeakReference<UIViewController> _controller;
            public BadgeView(UIViewController controller) { _controller = new WeakReference<UIViewController>(controller); }
            public void Refresh() { if (_controller.TryGetTarget(out var controller)) controller.ViewDidLoad(); }
        }
        """);

    [Fact]
    public Task Cell_with_an_auto_property_for_its_table_is_reported() => OWN602.Diagnostics(Stubs + """
        class OrderCell : UITableViewCell
        {
            public UITableView? {|OWN602:Table|} { get; set; }
            public int Row { get; set; }
        }
        """);

    [Fact]
    public Task Cell_with_value_type_and_non_peer_members_is_clean() => OWN602.Diagnostics(Stubs + """
        class OrderCell : UITableViewCell
        {
            public int Row { get; set; }
            public string Title { get; set; } = "";
            private readonly List<string> _lines = new();
            private static UITableView? s_shared;
            public UITableView? Table => s_shared;
        }
        """);

    [Fact]
    public Task Controller_that_owns_the_subviews_it_creates_is_clean() => OWN602.Diagnostics(Stubs + """
        class CheckoutController : UIViewController
        {
            private readonly UILabel _total = new UILabel();
            private UIButton? _pay;
            public override void ViewDidLoad()
            {
                _pay = new UIButton();
                View?.AddSubview(_pay);
                View?.AddSubview(_total);
            }
        }
        """);

    [Fact]
    public Task Controller_that_is_handed_a_view_it_did_not_create_is_reported() => OWN602.Diagnostics(Stubs + """
        class CheckoutController : UIViewController
        {
            private readonly UILabel _total = new UILabel();
            private UIView? {|OWN602:_host|};
            public void Attach(UIView host) { _host = host; host.AddSubview(_total); }
        }
        """);

    [Fact]
    public Task Value_like_peers_weak_and_outlet_members_are_clean() => OWN602.Diagnostics(Stubs + """
        class ThemeView : UIView
        {
            private readonly NSString _title;
            private readonly UIColor _tint;
            [Weak] private UIViewController? _owner;
            [Outlet] public UILabel? Caption { get; set; }
            public ThemeView(NSString title, UIColor tint, UIViewController owner) { _title = title; _tint = tint; _owner = owner; }
        }
        """);

    [Fact]
    public Task Types_that_are_not_native_peers_are_clean() => OWN602.Diagnostics(Stubs + """
        class ViewModel
        {
            private readonly UIViewController _controller;
            public ViewModel(UIViewController controller) { _controller = controller; }
        }
        struct Slot
        {
            public UIView View;
        }
        """);

    [Fact]
    public Task Generic_and_nested_peers_are_reported() => OWN602.Diagnostics(Stubs + """
        class Outer
        {
            public class Row<T> : UIView where T : UIView
            {
                public T? {|OWN602:Target|} { get; set; }
            }
        }
        """);

    [Fact]
    public Task Projects_without_NSObject_are_clean() => OWN602.Diagnostics("""
        namespace Foundation2 { public class NSObject { } }
        class View : Foundation2.NSObject
        {
            private readonly Foundation2.NSObject _parent;
            public View(Foundation2.NSObject parent) { _parent = parent; }
        }
        """);
}
