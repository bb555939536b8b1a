using Ownership.Analyzers.CodeFixes.Roots;
using Ownership.Analyzers.CodeFixes.Types;
using Ownership.Analyzers.Rules.Roots;
using Ownership.Analyzers.Tests.Verifiers;
using OWN201 = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Types.OWN201OwningTypeNotDisposableAnalyzer>;
using OWN202 = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Types.OWN202OwnedMemberNotReleasedAnalyzer>;
using Verifier = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Roots.OWN405TimerRootsItsOwnerAnalyzer>;

namespace Ownership.Analyzers.Tests.Rules.Roots;

public class OWN405Tests
{
    private const string Usings = "using System; using System.IO; using System.Threading; using System.Threading.Tasks;\n";

    [Fact]
    public Task Threading_timer_with_an_instance_callback_never_disposed_is_reported() => Verifier.Diagnostics(Usings + """
        class Poller
        {
            private readonly Timer {|OWN405:_timer|};
            public Poller() { _timer = new Timer(OnTick, null, 0, 1000); }
            private void OnTick(object state) { }
        }
        class Heartbeat
        {
            private int _beats;
            private readonly Timer {|OWN405:_timer|} = null!;
            public void Start() => System.Console.WriteLine(_beats);
            public Heartbeat() { _timer = new Timer(_ => _beats++, null, 0, 1000); }
        }
        """);

    [Fact]
    public Task Timers_timer_and_periodic_timer_rooting_the_instance_are_reported() => Verifier.Diagnostics(Usings + """
        sealed class Refresher : IDisposable
        {
            private readonly Stream _log = File.OpenWrite("log");
            private readonly System.Timers.Timer {|OWN405:_timer|} = new System.Timers.Timer(1000);
            public Refresher() { _timer.Elapsed += OnElapsed; _timer.Start(); }
            private void OnElapsed(object sender, System.Timers.ElapsedEventArgs e) { }
            public void Dispose() => _log.Dispose();
        }
        class Ticker
        {
            private readonly PeriodicTimer {|OWN405:_timer|} = new PeriodicTimer(TimeSpan.FromSeconds(1));
            private int _count;
            public async Task RunAsync() { while (await _timer.WaitForNextTickAsync()) _count++; }
        }
        """);

    [Fact]
    public Task The_type_rules_leave_a_rooting_timer_to_OWN405() => OWN201.Diagnostics(Usings + """
        class {|OWN201:Poller|}
        {
            private readonly Timer _timer;
            private readonly Stream _log = File.OpenWrite("log");
            public Poller() { _timer = new Timer(OnTick, null, 0, 1000); }
            private void OnTick(object state) => _log.WriteByte(1);
        }
        sealed class Refresher : IDisposable
        {
            private readonly System.Timers.Timer _timer = new System.Timers.Timer(1000);
            public Refresher() { _timer.Elapsed += (s, e) => Refresh(); }
            private void Refresh() { }
            public void Dispose() { }
        }
        """);

    [Fact]
    public Task OWN202_is_silent_on_a_rooting_timer_and_still_reports_a_static_callback_timer() => OWN202.Diagnostics(Usings + """
        sealed class Refresher : IDisposable
        {
            private readonly System.Timers.Timer _rooting = new System.Timers.Timer(1000);
            private readonly Timer {|OWN202:_static|} = new Timer(Tick, null, 0, 1000);
            public Refresher() { _rooting.Elapsed += OnElapsed; }
            private void OnElapsed(object sender, System.Timers.ElapsedEventArgs e) { }
            private static void Tick(object state) { }
            public void Dispose() { }
        }
        """);

    [Fact]
    public Task Disposed_stopped_borrowed_or_static_callback_timers_are_clean() => Verifier.Diagnostics(Usings + """
        sealed class Disposed : IDisposable
        {
            private readonly Timer _timer;
            public Disposed() { _timer = new Timer(OnTick, null, 0, 1000); }
            private void OnTick(object state) { }
            public void Dispose() => _timer.Dispose();
        }
        class Stopped
        {
            private readonly System.Timers.Timer _timer = new System.Timers.Timer(1000);
            public Stopped() { _timer.Elapsed += OnElapsed; _timer.Start(); }
            private void OnElapsed(object sender, System.Timers.ElapsedEventArgs e) { }
            public void Stop() => _timer.Stop();
        }
        class Disabled
        {
            private readonly System.Timers.Timer _timer = new System.Timers.Timer(1000);
            public Disabled() { _timer.Elapsed += OnElapsed; _timer.Enabled = true; }
            private void OnElapsed(object sender, System.Timers.ElapsedEventArgs e) { }
            public void Pause() => _timer.Enabled = false;
        }
        class Paused
        {
            private readonly Timer _timer;
            public Paused() { _timer = new Timer(OnTick, null, 0, 1000); }
            private void OnTick(object state) { }
            public void Pause() => _timer.Change(Timeout.Infinite, Timeout.Infinite);
        }
        class Borrowed
        {
            private readonly Timer _timer;
            public Borrowed(Timer timer) { _timer = timer; }
        }
        class StaticCallback
        {
            private readonly Timer _timer = new Timer(Tick, null, 0, 1000);
            private static void Tick(object state) { }
        }
        class LambdaWithoutThis
        {
            private readonly Timer _timer = new Timer(_ => Console.WriteLine("tick"), null, 0, 1000);
        }
        class Lifecycle
        {
            private Timer _timer;
            public void Start() => _timer = new Timer(OnTick, null, 0, 1000);
            public void Stop() { _timer?.Dispose(); _timer = null; }
            private void OnTick(object state) { }
        }
        """);

    [Fact]
    public Task Broken_and_new_syntax_timers_do_not_throw() => Verifier.Diagnostics(Usings + """
        class Primary(int period)
        {
            private readonly Timer _timer = new Timer(static _ => { }, null, 0, period);
        }
        class Broken
        {
            private readonly Timer _timer = new {|CS1729:Timer|}(){|CS1002:|}
        }
        """);

    private const string DisposableFixed = Usings + """
        sealed class Refresher : IDisposable
        {
            private readonly Stream _log = File.OpenWrite("log");
            private readonly System.Timers.Timer _timer = new System.Timers.Timer(1000);
            public Refresher() { _timer.Elapsed += OnElapsed; }
            private void OnElapsed(object sender, System.Timers.ElapsedEventArgs e) { }
            public void Dispose()
            {
                _log.Dispose();
                _timer.Dispose();
            }
        }
        """;

    [Fact]
    public Task In_a_disposable_type_the_fix_disposes_the_timer_in_Dispose()
        => VerifyFix<OWN405TimerRootsItsOwnerAnalyzer, OWN405DisposeTimerCodeFix>.Fix(Usings + """
            sealed class Refresher : IDisposable
            {
                private readonly Stream _log = File.OpenWrite("log");
                private readonly System.Timers.Timer {|OWN405:_timer|} = new System.Timers.Timer(1000);
                public Refresher() { _timer.Elapsed += OnElapsed; }
                private void OnElapsed(object sender, System.Timers.ElapsedEventArgs e) { }
                public void Dispose() => _log.Dispose();
            }
            """, DisposableFixed);

    private const string NotDisposableFixed = Usings + """
        sealed class Poller : IDisposable
        {
            private readonly Timer _timer;
            public Poller() { _timer = new Timer(OnTick, null, 0, 1000); }
            private void OnTick(object state) { }

            public void Dispose()
            {
                _timer?.Dispose();
            }
        }
        """;

    [Fact]
    public Task In_a_type_that_is_not_disposable_the_fix_implements_IDisposable()
        => VerifyFix<OWN405TimerRootsItsOwnerAnalyzer, OWN405DisposeTimerCodeFix>.Fix(Usings + """
            sealed class Poller
            {
                private readonly Timer {|OWN405:_timer|};
                public Poller() { _timer = new Timer(OnTick, null, 0, 1000); }
                private void OnTick(object state) { }
            }
            """, NotDisposableFixed);
}
