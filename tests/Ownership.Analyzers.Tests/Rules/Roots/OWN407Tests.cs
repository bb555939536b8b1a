using Verifier = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Roots.OWN407LongLivedDelegateCapturesThisAnalyzer>;

namespace Ownership.Analyzers.Tests.Rules.Roots;

public class OWN407Tests
{
    private const string Usings = "using System;\n";

    private const string Places = """
        static class Hooks { public static Action OnIdle; public static Func<int> Probe { get; set; } }
        interface IScheduler { Action Callback { get; set; } }

        """;

    [Fact]
    public Task Delegates_targeting_this_in_static_or_injected_places_are_reported() => Verifier.Diagnostics(Usings + Places + """
        class View
        {
            private readonly IScheduler _scheduler;
            private int _count;
            public View(IScheduler scheduler, IScheduler other)
            {
                _scheduler = scheduler;
                {|OWN407:Hooks.OnIdle = Refresh|};
                {|OWN407:Hooks.OnIdle += () => _count++|};
                {|OWN407:Hooks.Probe = () => this._count|};
                {|OWN407:_scheduler.Callback = Refresh|};
                {|OWN407:other.Callback = () => Refresh()|};
            }
            private void Refresh() { }
        }
        """);

    [Fact]
    public Task Own_places_static_targets_and_lambdas_without_this_are_clean() => Verifier.Diagnostics(Usings + Places + """
        class Scheduler : IScheduler { public Action Callback { get; set; } }
        class View
        {
            private readonly Scheduler _own = new Scheduler();
            private Action _callback;
            public Action Changed { get; set; }
            public View(IScheduler scheduler)
            {
                var count = 0;
                Hooks.OnIdle = () => count++;
                Hooks.OnIdle = Log;
                _callback = Refresh;
                Changed = () => Refresh();
                _own.Callback = Refresh;
                var local = new Scheduler();
                local.Callback = Refresh;
                scheduler.Callback = null;
            }
            private void Setup(Scheduler fresh) { fresh.Callback = () => Refresh(); }
            private void Build() { Setup(new Scheduler()); }
            private void Refresh() { }
            private static void Log() { }
        }
        static class Program
        {
            static void Main() { Hooks.OnIdle = () => Console.WriteLine("idle"); }
        }
        """);
}
