using Ownership.Analyzers.CodeFixes.Roots;
using Ownership.Analyzers.Rules.Roots;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules.Roots;

public class OWN401FixTests
{
    private const string Publishers = """
        using System;
        static class Clock { public static event EventHandler Tick; }
        interface IBus { event EventHandler Changed; }

        """;

    [Fact]
    public Task Adds_the_removal_to_an_existing_dispose() => VerifyFix<OWN401EventHandlerNeverUnsubscribedAnalyzer, OWN401UnsubscribeInDisposeCodeFix>.Fix(Publishers + """
        sealed class View : IDisposable
        {
            private readonly IBus _bus;
            public View(IBus bus)
            {
                _bus = bus;
                {|OWN401:_bus.Changed += OnChanged|};
                {|OWN401:Clock.Tick += OnTick|};
            }
            private void OnChanged(object sender, EventArgs e) { }
            private void OnTick(object sender, EventArgs e) { }
            public void Dispose()
            {
                Console.WriteLine("disposed");
            }
        }
        """, Publishers + """
        sealed class View : IDisposable
        {
            private readonly IBus _bus;
            public View(IBus bus)
            {
                _bus = bus;
                _bus.Changed += OnChanged;
                Clock.Tick += OnTick;
            }
            private void OnChanged(object sender, EventArgs e) { }
            private void OnTick(object sender, EventArgs e) { }
            public void Dispose()
            {
                Console.WriteLine("disposed");
                _bus.Changed -= OnChanged;
                Clock.Tick -= OnTick;
            }
        }
        """);

    [Fact]
    public Task Implements_IDisposable_when_the_type_has_no_release() => VerifyFix<OWN401EventHandlerNeverUnsubscribedAnalyzer, OWN401UnsubscribeInDisposeCodeFix>.Fix(Publishers + """
        class Shutdown
        {
            public void Start() { {|OWN401:AppDomain.CurrentDomain.ProcessExit += OnExit|}; }
            private void OnExit(object sender, EventArgs e) { }
        }
        """, Publishers + """
        class Shutdown : IDisposable
        {
            public void Start() { AppDomain.CurrentDomain.ProcessExit += OnExit; }
            private void OnExit(object sender, EventArgs e) { }

            public void Dispose()
            {
                AppDomain.CurrentDomain.ProcessExit -= OnExit;
            }
        }
        """);

    [Fact]
    public Task Expression_bodied_dispose_becomes_a_block() => VerifyFix<OWN401EventHandlerNeverUnsubscribedAnalyzer, OWN401UnsubscribeInDisposeCodeFix>.Fix(Publishers + """
        sealed class Ticker : IDisposable
        {
            private int _disposed;
            public Ticker() { {|OWN401:Clock.Tick += OnTick|}; }
            private void OnTick(object sender, EventArgs e) { }
            public void Dispose() => _disposed = 1;
        }
        """, Publishers + """
        sealed class Ticker : IDisposable
        {
            private int _disposed;
            public Ticker() { Clock.Tick += OnTick; }
            private void OnTick(object sender, EventArgs e) { }
            public void Dispose()
            {
                _disposed = 1;
                Clock.Tick -= OnTick;
            }
        }
        """);

    [Fact]
    public Task No_fix_for_a_parameter_publisher_or_an_inherited_release() => VerifyFix<OWN401EventHandlerNeverUnsubscribedAnalyzer, OWN401UnsubscribeInDisposeCodeFix>.NoFix(Publishers + """
        class Base : IDisposable { public void Dispose() { } }
        class View : Base
        {
            public View(IBus bus) { {|OWN401:bus.Changed += OnChanged|}; {|OWN401:Clock.Tick += OnChanged|}; }
            private void OnChanged(object sender, EventArgs e) { }
        }
        """);
}
