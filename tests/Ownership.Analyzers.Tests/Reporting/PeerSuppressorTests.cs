using static Ownership.Analyzers.Reporting.PeerFalsePositiveSuppressor;

namespace Ownership.Analyzers.Tests.Reporting;

/// <summary>
/// The suppressor runs beside the real neighbours (NetAnalyzers 8.0.0, IDisposableAnalyzers 4.0.8).
/// Each line that a neighbour reports says what must happen to it: <c>// expect: CA2000=kept</c>
/// (a real loss: the warning stays) or <c>// expect: CA2213=Released</c> (suppressed, for that reason).
/// Every neighbour report must be listed, and every listed one must be reported.
/// </summary>
public class PeerSuppressorTests
{
    [Fact]
    public Task Members_types_and_base_calls() => Check("""
        using System; using System.IO; using System.Threading; using System.Collections.Generic;
        sealed class Holder : IDisposable
        {
            private Stream _owned = File.OpenRead("a");
            private Stream? _swapped = File.OpenRead("b"); // expect: CA2213=Released
            private readonly Stream _given;
            public Holder(Stream given) { _given = given; }
            public void Dispose() { _owned.Dispose(); Interlocked.Exchange(ref _swapped, null)?.Dispose(); _given.Dispose(); }
        }
        sealed class Leaky : IDisposable
        {
            private readonly Stream _file = File.OpenRead("c"); // expect: CA2213=kept IDISP002=kept
            public void Dispose() { }
        }
        class NotDisposable
        {
            private readonly Stream _file = File.OpenRead("d"); // expect: IDISP006=kept
            public long Length => _file.Length;
        }
        class Registry // expect: CA1001=OwnsNothing
        {
            private readonly List<Stream> _all = new();
            private readonly CancellationTokenSource _cts = new CancellationTokenSource(); // expect: IDISP006=OwnsNothing
            private readonly StringWriter _log = new StringWriter(); // expect: IDISP006=OwnsNothing
        }
        sealed class Borrowing : IDisposable
        {
            private readonly Stream _given; // expect: CA2213=Borrowed
            private readonly MemoryStream _scratch = new MemoryStream(); // expect: IDISP002=Harmless
            public Borrowing(Stream given) { _given = given; }
            public void Dispose() { }
        }
        class PlainBase : IDisposable { public void Dispose() { Dispose(true); } protected virtual void Dispose(bool disposing) { } }
        class OverPlain : PlainBase { protected override void Dispose(bool disposing) { } } // expect: CA2215=BaseReleasesNothing
        class OwningBase : IDisposable
        {
            private readonly Stream _file = File.OpenRead("e");
            public void Dispose() { Dispose(true); }
            protected virtual void Dispose(bool disposing) { _file.Dispose(); }
        }
        class OverOwning : OwningBase { protected override void Dispose(bool disposing) { } } // expect: CA2215=kept IDISP010=kept
        sealed class Adapter : Stream
        {
            public override bool CanRead => true; public override bool CanSeek => false; public override bool CanWrite => false;
            public override long Length => 0; public override long Position { get => 0; set { } }
            public override void Flush() { } public override int Read(byte[] b, int o, int c) => 0; public override long Seek(long o, SeekOrigin s) => 0;
            public override void SetLength(long v) { } public override void Write(byte[] b, int o, int c) { }
            protected override void Dispose(bool disposing) { } // expect: CA2215=BaseReleasesNothing IDISP010=BaseReleasesNothing
        }
        sealed class FileAdapter : FileStream
        {
            public FileAdapter(string p) : base(p, FileMode.Open) { }
            protected override void Dispose(bool disposing) { } // expect: CA2215=kept IDISP010=kept
        }
        """);

    [Fact]
    public Task Locals() => Check("""
        using System; using System.IO; using System.Threading;
        static class C
        {
            static int Memory() { var s = new MemoryStream(); return s.ReadByte(); } // expect: IDISP001=Harmless
            static bool Token() { var cts = new CancellationTokenSource(); return cts.IsCancellationRequested; } // expect: IDISP001=Harmless
            static int Timed() { var cts = new CancellationTokenSource(1000); return cts.Token.GetHashCode(); } // expect: CA2000=kept IDISP001=kept
            static int Leak(string p) { var s = new FileStream(p, FileMode.Open); return s.ReadByte(); } // expect: CA2000=kept IDISP001=kept
            static string Reader(string text) { var r = new StringReader(text); return r.ReadToEnd(); } // expect: IDISP001=Harmless
            static string Discard(string p) => new StreamReader(File.OpenRead(p)).ReadToEnd(); // expect: CA2000=kept IDISP004=kept IDISP004=Transferred
            static System.Threading.Tasks.Task Captured(CancellationToken a, CancellationToken b)
            {
                var linked = CancellationTokenSource.CreateLinkedTokenSource(a, b); // expect: CA2000=kept IDISP001=kept
                return System.Threading.Tasks.Task.Run(() => linked.Token.WaitHandle.WaitOne());
            }
        }
        """);

    private static async Task Check(string source)
    {
        var lines = source.Split('\n');
        var expected = new List<(string Id, int Line, string Outcome)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var marker = lines[i].IndexOf("// expect:", StringComparison.Ordinal);
            if (marker < 0)
            {
                continue;
            }

            foreach (var token in lines[i].Substring(marker + "// expect:".Length).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = token.Split('=');
                expected.Add((parts[0], i + 1, parts[1].Trim()));
            }
        }

        var actual = (await PeerAnalyzers.RunAsync(source))
            .Select(d => (d.Id, d.Line, Outcome: d.Suppressed ? d.Reason?.ToString() ?? "suppressed without a reason" : d.Reason is null ? "kept" : $"not suppressed although {d.Reason}"))
            .ToList();
        Assert.Equal(Sorted(expected), Sorted(actual));
    }

    private static List<string> Sorted(IEnumerable<(string Id, int Line, string Outcome)> items)
        => items.Select(i => $"line {i.Line}: {i.Id}={i.Outcome}").OrderBy(s => s, StringComparer.Ordinal).ToList();

    [Fact]
    public void Every_descriptor_names_a_neighbour_rule_and_says_why()
    {
        var suppressor = new Ownership.Analyzers.Reporting.PeerFalsePositiveSuppressor();
        Assert.NotEmpty(suppressor.SupportedSuppressions);
        foreach (var descriptor in suppressor.SupportedSuppressions)
        {
            Assert.Contains(descriptor.SuppressedDiagnosticId, PeerAnalyzers.SuppressibleIds);
            Assert.StartsWith($"OWNS-{descriptor.SuppressedDiagnosticId}-", descriptor.Id, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Justification.ToString()));
        }

        Assert.Equal(suppressor.SupportedSuppressions.Length, suppressor.SupportedSuppressions.Select(d => d.Id).Distinct().Count());
        Assert.Equal(Justification(Reason.Transferred), suppressor.SupportedSuppressions.First(d => d.Id == DescriptorId("CA2000", Reason.Transferred)).Justification.ToString());
    }
}
