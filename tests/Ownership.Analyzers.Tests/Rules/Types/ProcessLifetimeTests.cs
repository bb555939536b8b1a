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
