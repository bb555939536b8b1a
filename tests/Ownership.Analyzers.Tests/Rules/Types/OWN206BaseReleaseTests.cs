using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Rules.Types;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules.Types;

/// <summary>
/// OWN206 reports a missing base call only when the base's release provably releases something:
/// members a source base releases (directly, through a helper, or through its own base), or what
/// the knowledge table says a metadata base releases. Bases that release nothing stay silent.
/// </summary>
public class OWN206BaseReleaseTests
{
    private const string StreamMembers = """
            public override bool CanRead => true; public override bool CanSeek => false; public override bool CanWrite => false;
            public override long Length => 0; public override long Position { get; set; }
            public override void Flush() { } public override int Read(byte[] b, int o, int c) => 0;
            public override long Seek(long o, SeekOrigin s) => 0; public override void SetLength(long v) { } public override void Write(byte[] b, int o, int c) { }
        """;

    [Fact]
    public Task Metadata_bases_that_release_state_are_reported() => Verify<OWN206DisposeOverrideMissesBaseCallAnalyzer>.Diagnostics("""
        using System.IO; using System.Threading;
        class LineReader : StreamReader
        {
            public LineReader(string path) : base(path) { }
            protected override void {|OWN206:Dispose|}(bool disposing) { }
        }
        class LogFile : FileStream
        {
            public LogFile(string path) : base(path, FileMode.Append) { }
            protected override void {|OWN206:Dispose|}(bool disposing) { }
        }
        class Signal : EventWaitHandle
        {
            public Signal() : base(false, EventResetMode.AutoReset) { }
            protected override void {|OWN206:Dispose|}(bool explicitDisposing) { }
        }
        """);

    [Fact]
    public Task Source_base_releasing_through_a_helper_or_its_own_base_is_reported() => Verify<OWN206DisposeOverrideMissesBaseCallAnalyzer>.Diagnostics("""
        using System; using System.IO;
        class Channel : IDisposable
        {
            private readonly Stream _socket = File.OpenRead("s");
            public void Dispose() => Dispose(true);
            protected virtual void Dispose(bool disposing) { if (disposing) Shutdown(); }
            private void Shutdown() => _socket.Dispose();
        }
        class Middle : Channel
        {
            protected override void Dispose(bool disposing) { Console.WriteLine("closing"); base.Dispose(disposing); }
        }
        class Last : Middle
        {
            protected override void {|OWN206:Dispose|}(bool disposing) { }
        }
        """);

    [Fact]
    public Task Framework_bases_that_release_nothing_are_clean() => Verify<OWN206DisposeOverrideMissesBaseCallAnalyzer>.Diagnostics("""
        using System; using System.ComponentModel; using System.Data; using System.Data.Common; using System.IO; using System.Threading.Tasks;
        abstract class Connection : DbConnection
        {
            private readonly Stream _socket = File.OpenRead("s");
            protected override void Dispose(bool disposing) { if (disposing) _socket.Dispose(); }
            public override ValueTask DisposeAsync() => _socket.DisposeAsync();
        }
        abstract class Reader : DbDataReader
        {
            private readonly Stream _buffer = File.OpenRead("b");
            public override ValueTask DisposeAsync() => _buffer.DisposeAsync();
        }
        abstract class Transaction : DbTransaction
        {
            private readonly Stream _log = File.OpenRead("l");
            protected override void Dispose(bool disposing) { if (disposing) _log.Dispose(); }
        }
        class Worker : Component
        {
            private readonly Stream _log = File.OpenRead("w");
            protected override void Dispose(bool disposing) { if (disposing) _log.Dispose(); }
        }
        class Adapter : Stream
        {
            private readonly Stream _inner = File.OpenRead("x");
            public override ValueTask DisposeAsync() => _inner.DisposeAsync();
        """ + StreamMembers + """
        }
        """);

    [Fact]
    public Task Source_bases_that_release_nothing_are_clean() => Verify<OWN206DisposeOverrideMissesBaseCallAnalyzer>.Diagnostics("""
        using System; using System.IO; using System.Text;
        class Logged : IDisposable
        {
            public event EventHandler Disposed;
            public void Dispose() => Dispose(true);
            protected virtual void Dispose(bool disposing) { Console.WriteLine("disposed"); Disposed?.Invoke(this, EventArgs.Empty); }
        }
        class Quiet : Logged
        {
            private readonly Stream _file = File.OpenRead("q");
            protected override void Dispose(bool disposing) { if (disposing) _file.Dispose(); }
        }
        class KeepOpenReader : BinaryReader
        {
            public KeepOpenReader(Stream input) : base(input, Encoding.UTF8, leaveOpen: true) { }
            public KeepOpenReader(Stream input, Encoding encoding) : this(input) { }
            protected override void Dispose(bool disposing) { }
        }
        """);

    [Fact]
    public Task An_override_that_releases_what_the_base_would_loses_nothing() => Verify<OWN206DisposeOverrideMissesBaseCallAnalyzer>.Diagnostics("""
        using System; using System.IO; using System.Threading.Tasks;
        class Writer : IDisposable, IAsyncDisposable
        {
            protected Stream Output { get; } = File.OpenWrite("out");
            private readonly Stream _index = File.OpenWrite("index");
            public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }
            protected virtual void Dispose(bool disposing) { if (disposing) Output.Dispose(); }
            public virtual ValueTask DisposeAsync() { Dispose(true); return default; }
            protected void CloseIndex() => _index.Dispose();
        }
        sealed class GZipWriter : Writer
        {
            public override async ValueTask DisposeAsync() => await Output.DisposeAsync();
        }
        sealed class Partial : Writer
        {
            protected override void {|OWN206:Dispose|}(bool disposing) { if (disposing) Console.WriteLine("closing"); }
        }
        """);

    [Fact]
    public async Task Message_says_what_the_base_releases()
    {
        var compilation = await AllAnalyzers.CompileAsync(new[]
        {
            """
            using System; using System.IO;
            class Resource : IDisposable
            {
                private readonly Stream _file = File.OpenRead("a");
                public void Dispose() => Dispose(true);
                protected virtual void Dispose(bool disposing) { if (disposing) _file.Dispose(); }
            }
            class Derived : Resource { protected override void Dispose(bool disposing) { } }
            class LineReader : StreamReader
            {
                public LineReader(string path) : base(path) { }
                protected override void Dispose(bool disposing) { }
            }
            """,
        });
        var (diagnostics, exceptions) = await AllAnalyzers.RunAsync(compilation);
        Assert.Empty(exceptions);
        var messages = diagnostics.Where(d => d.Id == "OWN206").Select(d => d.GetMessage()).OrderBy(m => m, StringComparer.Ordinal).ToList();
        Assert.Equal(new[]
        {
            "'Derived' overrides 'Dispose' but never calls 'base.Dispose', which releases '_file'",
            "'LineReader' overrides 'Dispose' but never calls 'base.Dispose', which releases the stream it reads (unless leaveOpen)",
        }, messages);
    }
}
