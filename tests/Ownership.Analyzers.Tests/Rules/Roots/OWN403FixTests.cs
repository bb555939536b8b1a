using Ownership.Analyzers.CodeFixes.Roots;
using Ownership.Analyzers.Rules.Roots;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules.Roots;

public class OWN403FixTests
{
    [Fact]
    public Task The_lambda_becomes_a_method_added_and_removed_by_name() => VerifyFix<OWN403UnsubscribingNewAnonymousDelegateAnalyzer, OWN403HandlerMethodCodeFix>.Fix("""
        using System;
        interface IBus { event EventHandler Changed; }
        sealed class View : IDisposable
        {
            private readonly IBus _bus;
            private int _refreshes;

            public View(IBus bus)
            {
                _bus = bus;
                _bus.Changed += (s, e) => _refreshes++;
            }

            public void Dispose()
            {
                _bus.Changed -= {|OWN403:(s, e) => _refreshes++|};
            }
        }
        """, """
        using System;
        interface IBus { event EventHandler Changed; }
        sealed class View : IDisposable
        {
            private readonly IBus _bus;
            private int _refreshes;

            public View(IBus bus)
            {
                _bus = bus;
                _bus.Changed += OnChanged;
            }

            public void Dispose()
            {
                _bus.Changed -= OnChanged;
            }

            private void OnChanged(object s, EventArgs e) => _refreshes++;
        }
        """);

    [Fact]
    public Task A_lambda_that_uses_a_local_or_has_no_matching_addition_is_not_fixed() => VerifyFix<OWN403UnsubscribingNewAnonymousDelegateAnalyzer, OWN403HandlerMethodCodeFix>.NoFix("""
        using System;
        interface IBus { event EventHandler Changed; event EventHandler Closed; }
        sealed class View
        {
            private int _count;
            public void Watch(IBus bus, int step)
            {
                bus.Changed += (s, e) => _count += step;
                bus.Changed -= {|OWN403:(s, e) => _count += step|};
            }
            public void Forget(IBus bus)
            {
                bus.Closed -= {|OWN403:(s, e) => _count = 0|};
            }
        }
        """);
}
