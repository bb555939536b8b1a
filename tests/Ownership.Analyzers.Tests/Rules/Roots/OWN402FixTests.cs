using Ownership.Analyzers.CodeFixes.Roots;
using Ownership.Analyzers.Rules.Roots;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules.Roots;

public class OWN402FixTests
{
    [Fact]
    public Task The_handler_becomes_a_method_removed_in_Dispose() => VerifyFix<OWN402AnonymousHandlerOnLongerLivedEventAnalyzer, OWN402HandlerMethodCodeFix>.Fix("""
        using System;
        interface IBus { event EventHandler Changed; }
        sealed class View : IDisposable
        {
            private readonly IBus _bus;
            private int _refreshes;

            public View(IBus bus)
            {
                _bus = bus;
                {|OWN402:_bus.Changed += (s, e) => _refreshes++|};
            }

            public void Dispose()
            {
                _refreshes = 0;
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
                _refreshes = 0;
                _bus.Changed -= OnChanged;
            }

            private void OnChanged(object s, EventArgs e) => _refreshes++;
        }
        """);

    [Fact]
    public Task A_handler_that_uses_a_parameter_of_its_method_is_not_fixed() => VerifyFix<OWN402AnonymousHandlerOnLongerLivedEventAnalyzer, OWN402HandlerMethodCodeFix>.NoFix("""
        using System;
        interface IBus { event EventHandler Changed; }
        sealed class View
        {
            private int _count;
            public View(IBus bus, int step) { {|OWN402:bus.Changed += (s, e) => _count += step|}; }
        }
        """);
}
