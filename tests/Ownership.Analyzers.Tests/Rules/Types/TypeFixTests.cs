using Ownership.Analyzers.CodeFixes.Types;
using Ownership.Analyzers.Rules.Types;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules.Types;

/// <summary>The fixes of OWN201, OWN202 and OWN204; each fixed source is also run through every analyzer.</summary>
public class TypeFixTests
{
    private const string Usings = "using System; using System.IO; using System.Threading;\n";

    /// <summary>The fixed code leaves nothing for the type rules to say: no OWN201, OWN202, OWN204, OWN207 or OWN208.</summary>
    private static async Task AssertCleanAsync(string fixedSource)
    {
        var compilation = await AllAnalyzers.CompileAsync(new[] { fixedSource });
        Assert.DoesNotContain(compilation.GetDiagnostics(), d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        var (diagnostics, exceptions) = await AllAnalyzers.RunAsync(compilation);
        Assert.Empty(exceptions);
        var left = diagnostics.Where(d => d.Id is "OWN201" or "OWN202" or "OWN204" or "OWN207" or "OWN208").Select(d => d.ToString()).ToList();
        Assert.True(left.Count == 0, string.Join("\n", left));
    }

    private const string OWN201Fixed = Usings + """
        sealed class Logger : IDisposable
        {
            private readonly Stream _file = File.OpenWrite("log.txt");
            private Timer _timer;
            public void Start() => _timer = new Timer(_ => { }, null, 0, 1000);

            public void Dispose()
            {
                _file.Dispose();
                _timer?.Dispose();
            }
        }
        class Poller : IDisposable
        {
            private Stream _data;
            public void Open(string path) { _data = File.OpenRead(path); }

            public void Dispose()
            {
                Dispose(true);
                GC.SuppressFinalize(this);
            }

            protected virtual void Dispose(bool disposing)
            {
                if (disposing)
                {
                    _data?.Dispose();
                }
            }
        }
        """;

    [Fact]
    public async Task OWN201_fix_implements_IDisposable_sealed_plain_unsealed_pattern()
    {
        await VerifyFix<OWN201OwningTypeNotDisposableAnalyzer, OWN201ImplementDisposableCodeFix>.Fix(Usings + """
            sealed class {|OWN201:Logger|}
            {
                private readonly Stream _file = File.OpenWrite("log.txt");
                private Timer _timer;
                public void Start() => _timer = new Timer(_ => { }, null, 0, 1000);
            }
            class {|OWN201:Poller|}
            {
                private Stream _data;
                public void Open(string path) { _data = File.OpenRead(path); }
            }
            """, OWN201Fixed);
        await AssertCleanAsync(OWN201Fixed);
    }

    private const string OWN201AsyncFixed = """
        using System.Threading.Tasks;
        sealed class Channel : System.IAsyncDisposable
        {
            private readonly Pipe _pipe = new Pipe();
            private readonly System.IO.Stream _log = System.IO.File.OpenWrite("log");

            public async ValueTask DisposeAsync()
            {
                await _pipe.DisposeAsync();
                _log.Dispose();
            }
        }
        sealed class Pipe : System.IAsyncDisposable
        {
            private readonly System.IO.Stream _s = System.IO.File.OpenRead("p");
            public async ValueTask DisposeAsync() => await _s.DisposeAsync();
        }
        """;

    [Fact]
    public async Task OWN201_fix_uses_IAsyncDisposable_for_an_async_only_member_without_using_System()
    {
        await VerifyFix<OWN201OwningTypeNotDisposableAnalyzer, OWN201ImplementDisposableCodeFix>.Fix("""
            using System.Threading.Tasks;
            sealed class {|OWN201:Channel|}
            {
                private readonly Pipe _pipe = new Pipe();
                private readonly System.IO.Stream _log = System.IO.File.OpenWrite("log");
            }
            sealed class Pipe : System.IAsyncDisposable
            {
                private readonly System.IO.Stream _s = System.IO.File.OpenRead("p");
                public async ValueTask DisposeAsync() => await _s.DisposeAsync();
            }
            """, OWN201AsyncFixed);
        await AssertCleanAsync(OWN201AsyncFixed);
    }

    private const string OWN202Fixed = Usings + """
        sealed class Archive : IDisposable
        {
            private readonly Stream _index = File.OpenRead("index");
            private readonly Stream _data;
            private readonly Stream _extra = File.OpenRead("extra");
            public Archive(string path) { _data = File.OpenRead(path); }
            public void Dispose()
            {
                _index.Dispose();
                _data?.Dispose();
                _extra.Dispose();
            }
        }
        class Base : IDisposable
        {
            public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }
            protected virtual void Dispose(bool disposing) { }
        }
        class Derived : Base
        {
            private readonly Mutex _mutex = new Mutex(false, "name");
            private Stream _file;
            public void Open() => _file = File.OpenRead("f");

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    _mutex.Dispose();
                    _file?.Dispose();
                }

                base.Dispose(disposing);
            }
        }
        class Pattern : IDisposable
        {
            private readonly Stream _a = File.OpenRead("a");
            private readonly Stream _b = File.OpenRead("b");
            public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }
            protected virtual void Dispose(bool disposing)
            {
                if (disposing)
                {
                    _a.Dispose();
                    _b.Dispose();
                }
            }
        }
        """;

    [Fact]
    public async Task OWN202_fix_gathers_every_release_in_the_one_disposal_method()
    {
        await VerifyFix<OWN202OwnedMemberNotReleasedAnalyzer, OWN202AddReleaseCodeFix>.Fix(Usings + """
            sealed class Archive : IDisposable
            {
                private readonly Stream _index = File.OpenRead("index");
                private readonly Stream {|OWN202:_data|};
                private readonly Stream {|OWN202:_extra|} = File.OpenRead("extra");
                public Archive(string path) { _data = File.OpenRead(path); }
                public void Dispose() => _index.Dispose();
            }
            class Base : IDisposable
            {
                public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }
                protected virtual void Dispose(bool disposing) { }
            }
            class Derived : Base
            {
                private readonly Mutex {|OWN202:_mutex|} = new Mutex(false, "name");
                private Stream {|OWN202:_file|};
                public void Open() => _file = File.OpenRead("f");
            }
            class Pattern : IDisposable
            {
                private readonly Stream _a = File.OpenRead("a");
                private readonly Stream {|OWN202:_b|} = File.OpenRead("b");
                public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }
                protected virtual void Dispose(bool disposing)
                {
                    if (disposing) _a.Dispose();
                }
            }
            """, OWN202Fixed);
        await AssertCleanAsync(OWN202Fixed);
    }

    [Fact]
    public Task OWN202_fix_awaits_an_async_only_member_in_DisposeAsyncCore() => VerifyFix<OWN202OwnedMemberNotReleasedAnalyzer, OWN202AddReleaseCodeFix>.Fix("""
        using System; using System.IO; using System.Threading.Tasks;
        sealed class Pipe : IAsyncDisposable
        {
            private readonly Stream _s = File.OpenRead("p");
            public async ValueTask DisposeAsync() => await _s.DisposeAsync();
        }
        class Session : IAsyncDisposable
        {
            private readonly Pipe {|OWN202:_pipe|} = new Pipe();
            public async ValueTask DisposeAsync() { await DisposeAsyncCore(); GC.SuppressFinalize(this); }
            protected virtual async ValueTask DisposeAsyncCore() { await Task.Yield(); }
        }
        """, """
        using System; using System.IO; using System.Threading.Tasks;
        sealed class Pipe : IAsyncDisposable
        {
            private readonly Stream _s = File.OpenRead("p");
            public async ValueTask DisposeAsync() => await _s.DisposeAsync();
        }
        class Session : IAsyncDisposable
        {
            private readonly Pipe _pipe = new Pipe();
            public async ValueTask DisposeAsync() { await DisposeAsyncCore(); GC.SuppressFinalize(this); }
            protected virtual async ValueTask DisposeAsyncCore()
            {
                await Task.Yield();
                await _pipe.DisposeAsync();
            }
        }
        """);

    [Fact]
    public Task OWN204_fix_removes_standalone_releases_only() => VerifyFix<OWN204BorrowedResourceReleasedAnalyzer, OWN204RemoveReleaseCodeFix>.Fix(Usings + """
        class Other { public Stream Stream { get; } = Stream.Null; }
        sealed class Consumer : IDisposable
        {
            private readonly IDisposable _service;
            private readonly Stream _stream;
            public Consumer(IServiceProvider services, Other other)
            {
                _service = (IDisposable)services.GetService(typeof(IDisposable));
                _stream = other.Stream;
            }
            public void Dispose()
            {
                {|OWN204:_service.Dispose()|};
                _stream?{|OWN204:.Dispose()|};
            }
        }
        sealed class Arrow : IDisposable
        {
            private readonly Stream _stream;
            public Arrow(Other other) { _stream = other.Stream; }
            public void Dispose() => {|OWN204:_stream.Dispose()|};
        }
        """, Usings + """
        class Other { public Stream Stream { get; } = Stream.Null; }
        sealed class Consumer : IDisposable
        {
            private readonly IDisposable _service;
            private readonly Stream _stream;
            public Consumer(IServiceProvider services, Other other)
            {
                _service = (IDisposable)services.GetService(typeof(IDisposable));
                _stream = other.Stream;
            }
            public void Dispose()
            {
            }
        }
        sealed class Arrow : IDisposable
        {
            private readonly Stream _stream;
            public Arrow(Other other) { _stream = other.Stream; }
            public void Dispose()
            {
            }
        }
        """);
}
