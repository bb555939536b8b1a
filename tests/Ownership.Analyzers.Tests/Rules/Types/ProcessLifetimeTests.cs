using Ownership.Analyzers.Rules.Types;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules.Types;

/// <summary>
/// A type whose only instance is a static readonly field of its own type (the EventSource
/// pattern) owns its members for the whole process: not releasing them loses nothing.
/// </summary>
public class ProcessLifetimeTests
{
    private const string Usings = "using System; using System.Diagnostics.Tracing; using System.IO; using System.Threading;\n";

    [Fact]
    public Task Singleton_event_source_members_are_clean() => Verify<OWN202OwnedMemberNotReleasedAnalyzer>.Diagnostics(Usings + """
        sealed class AppEvents : EventSource
        {
            public static readonly AppEvents Log = new();
            private PollingCounter? _requests;
            private long _count;
            private AppEvents() : base("App") { }
            protected override void OnEventCommand(EventCommandEventArgs command)
            {
                if (command.Command is EventCommand.Enable)
                {
                    _requests ??= new PollingCounter("requests", this, () => Interlocked.Read(ref _count));
                }
            }
        }
        internal sealed class InternalEvents : EventSource
        {
            internal static InternalEvents Instance { get; } = new InternalEvents();
            private IncrementingEventCounter? _writes;
            public InternalEvents() => _writes = new IncrementingEventCounter("writes", this);
        }
        """);

    [Fact]
    public Task Singleton_without_disposal_is_not_an_owning_type_either() => Verify<OWN201OwningTypeNotDisposableAnalyzer>.Diagnostics(Usings + """
        internal sealed class Journal
        {
            public static readonly Journal Shared = new Journal();
            private readonly Stream _file = File.OpenWrite("journal.log");
            private Journal() { }
            public void Write(byte b) => _file.WriteByte(b);
        }
        """);

    [Fact]
    public Task Lazy_singleton_timer_runs_for_the_process() => Verify<Ownership.Analyzers.Rules.Roots.OWN405TimerRootsItsOwnerAnalyzer>.Diagnostics(Usings + """
        internal sealed class TimerWheel
        {
            private static readonly Lazy<TimerWheel> instance = new Lazy<TimerWheel>(() => new TimerWheel());
            private readonly Timer _tick;
            private int _position;
            private TimerWheel() => _tick = new Timer(_ => Advance(), null, 250, 250);
            public static TimerWheel Instance => instance.Value;
            private void Advance() => _position++;
        }
        """);

    [Fact]
    public Task Lazy_of_another_type_or_a_public_constructor_is_no_singleton() => Verify<Ownership.Analyzers.Rules.Roots.OWN405TimerRootsItsOwnerAnalyzer>.Diagnostics(Usings + """
        internal sealed class Poller
        {
            private static readonly Lazy<object> gate = new Lazy<object>(() => new object());
            private readonly Timer {|OWN405:_tick|};
            private int _count;
            private Poller() => _tick = new Timer(_ => _count++, null, 250, 250);
            public static Poller Create() => new Poller();
        }
        public sealed class OpenWheel
        {
            private static readonly Lazy<OpenWheel> instance = new Lazy<OpenWheel>(() => new OpenWheel());
            private readonly Timer {|OWN405:_tick|};
            private int _position;
            public OpenWheel() => _tick = new Timer(_ => _position++, null, 250, 250);
            public static OpenWheel Instance => instance.Value;
        }
        """);

    [Fact]
    public Task A_singleton_the_assembly_also_creates_elsewhere_has_instances_that_come_and_go() => Verify<Ownership.Analyzers.Rules.Roots.OWN405TimerRootsItsOwnerAnalyzer>.Diagnostics(Usings + """
        internal sealed class PulseSource
        {
            private static readonly Lazy<PulseSource> shared = new Lazy<PulseSource>(() => new PulseSource(1000));
            private readonly Timer {|OWN405:_tick|};
            private int _beats;
            public PulseSource(int period) => _tick = new Timer(_ => _beats++, null, period, period);
            public static PulseSource Shared => shared.Value;
        }
        internal sealed class Session
        {
            private readonly PulseSource _pulse = new PulseSource(50);
        }
        internal sealed class SelfSpawning
        {
            public static readonly SelfSpawning Default = new SelfSpawning();
            private readonly Timer {|OWN405:_tick|};
            private int _count;
            private SelfSpawning() => _tick = new Timer(_ => _count++, null, 100, 100);
            public static SelfSpawning Another() => new SelfSpawning();
        }
        """);

    [Fact]
    public Task Types_others_can_instantiate_are_still_reported() => Verify<OWN202OwnedMemberNotReleasedAnalyzer>.Diagnostics(Usings + """
        public sealed class PublicEvents : EventSource
        {
            public static readonly PublicEvents Log = new();
            private readonly IncrementingEventCounter {|OWN202:_writes|};
            public PublicEvents() => _writes = new IncrementingEventCounter("writes", this);
        }
        internal sealed class NotSelfTyped : IDisposable
        {
            public static readonly object Marker = new();
            private readonly Stream {|OWN202:_file|} = File.OpenWrite("x");
            private NotSelfTyped() { }
            public void Dispose() { }
        }
        """);
}
