using Ownership.Analyzers.Rules.Types;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules.Types;

/// <summary>Releases equivalent to Dispose: Close overloads, and the method a type's own Dispose only forwards to.</summary>
public class EquivalentReleaseTests
{
    private const string Usings = "using System; using System.IO; using System.Threading.Tasks;\n";

    [Fact]
    public Task Close_overloads_and_forwarded_to_methods_release_the_member() => Verify<OWN202OwnedMemberNotReleasedAnalyzer>.Diagnostics(Usings + """
        sealed class Connection : IDisposable
        {
            private Stream? _socket;
            public void Open(string path) => _socket = File.OpenRead(path);
            public void Close() => Close(async: false);
            internal ValueTask Close(bool async) { _socket?.Dispose(); _socket = null; return default; }
            public void Dispose() => Close(async: false);
        }
        sealed class Pump : IDisposable
        {
            private readonly Stream _source = File.OpenRead("source");
            public void Stop() => _source.Dispose();
            public void Dispose() => Stop();
        }
        sealed class Session : IAsyncDisposable
        {
            private readonly Connection _connection = new Connection();
            private readonly Pump _pump = new Pump();
            public async ValueTask DisposeAsync()
            {
                await _connection.Close(async: true);
                _pump.Stop();
            }
        }
        sealed class Leaky : IDisposable
        {
            private readonly Pump {|OWN202:_pump|} = new Pump();
            public void Pause() { }
            public void Dispose() => Pause();
        }
        """);

    [Fact]
    public Task A_base_that_releases_through_a_virtual_property_releases_what_the_override_supplies() => Verify<OWN202OwnedMemberNotReleasedAnalyzer>.Diagnostics(Usings + """
        class Volume : IDisposable
        {
            private readonly Stream _stream;
            public Volume(Stream stream) => _stream = stream;
            public void Dispose() => _stream.Dispose();
        }
        abstract class Reader : IDisposable
        {
            protected abstract Volume? Volume { get; }
            public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }
            protected virtual void Dispose(bool disposing) { if (disposing) Close(); }
            private void Close() => Volume?.Dispose();
        }
        sealed class TarReader : Reader
        {
            public TarReader(Stream stream) => Volume = new Volume(stream);
            protected override Volume Volume { get; }
        }
        sealed class RarReader : Reader
        {
            private Volume? _volume;
            private readonly Volume {|OWN202:_extra|} = new Volume(File.OpenRead("extra"));
            protected override Volume? Volume => _volume;
            public void Open(Stream stream) => _volume = new Volume(stream);
        }
        """);

    [Fact]
    public Task A_teardown_with_options_releases_the_member() => Verify<OWN202OwnedMemberNotReleasedAnalyzer>.Diagnostics(Usings + """
        using System.Threading;
        enum IOBehavior { Synchronous, Asynchronous }
        sealed class Session
        {
            private readonly Stream _socket = File.OpenRead("socket");
            public ValueTask DisposeAsync(IOBehavior behavior, CancellationToken token) => _socket.DisposeAsync();
        }
        sealed class Pool : IDisposable
        {
            private readonly Session _session = new Session();
            public void Dispose() => _session.DisposeAsync(IOBehavior.Synchronous, CancellationToken.None).AsTask().Wait();
        }
        """);

    [Fact]
    public Task A_component_whose_own_disposal_releases_nothing_needs_no_release() => Verify<Ownership.Analyzers.Rules.Locals.OWN102CreatedResourceDiscardedAnalyzer>.Diagnostics(Usings + """
        using System.ComponentModel;
        class Command : Component
        {
            private bool _disposed;
            public int Timeout { get; set; }
            protected override void Dispose(bool disposing) { _disposed = true; base.Dispose(disposing); }
        }
        class Timed : Component
        {
            private readonly Stream _log = File.OpenWrite("log");
            protected override void Dispose(bool disposing) { if (disposing) _log.Dispose(); base.Dispose(disposing); }
        }
        class C
        {
            int Default() => new Command().Timeout;
            int Logged() => {|OWN102:new Timed()|}.GetHashCode();
        }
        """);

    [Fact]
    public Task A_member_released_through_the_member_that_holds_it_is_released() => Verify<OWN202OwnedMemberNotReleasedAnalyzer>.Diagnostics(Usings + """
        using System.IO.Compression;
        sealed class EntryStream : IDisposable
        {
            private readonly Stream _counting;
            private readonly Stream _write;
            private readonly Stream {|OWN202:_spare|};
            public EntryStream(string path, bool compress)
            {
                _counting = File.OpenWrite(path);
                _spare = File.OpenWrite(path + ".spare");
                _write = compress ? new DeflateStream(_counting, CompressionLevel.Fastest) : _counting;
            }
            public void Dispose() => _write.Dispose();
        }
        """);
}
