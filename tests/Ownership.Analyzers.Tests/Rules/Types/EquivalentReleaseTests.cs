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
}
