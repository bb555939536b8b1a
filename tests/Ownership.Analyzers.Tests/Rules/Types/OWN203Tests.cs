using Verifier = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Types.OWN203OwnedMemberOverwrittenAnalyzer>;

namespace Ownership.Analyzers.Tests.Rules.Types;

public class OWN203Tests
{
    private const string Usings = "using System; using System.IO; using System.Threading;\n";

    [Fact]
    public Task Overwriting_a_member_created_at_construction_is_reported() => Verifier.Diagnostics(Usings + """
        sealed class Poller : IDisposable
        {
            private Timer _timer = new Timer(_ => { }, null, 0, 1000);
            private Stream _log;
            public Poller() { _log = File.OpenWrite("log"); }
            public void Reset() { {|OWN203:_timer = new Timer(_ => { }, null, 0, 500)|}; }
            public void Rotate(string path) { {|OWN203:_log = File.OpenWrite(path)|}; }
            public void Dispose() { _timer.Dispose(); _log.Dispose(); }
        }
        """);

    [Fact]
    public Task Reading_through_the_member_before_the_store_does_not_release_it() => Verifier.Diagnostics(Usings + """
        sealed class Journal : IDisposable
        {
            private StreamWriter _log = File.AppendText("journal.log");
            private int _lines;
            public void RotateIfLarge(long max)
            {
                if (_log.BaseStream.Length < max)
                {
                    return;
                }

                _log.WriteLine("rotating");
                {|OWN203:_log = File.AppendText("journal." + _lines + ".log")|};
            }
            public void Write(string line) { _log.WriteLine(line); _lines++; }
            public void Dispose() => _log.Dispose();
        }
        sealed class HandedOn : IDisposable
        {
            private StreamWriter _log = File.AppendText("a.log");
            private readonly System.Collections.Generic.List<IDisposable> _retired = new();
            public void Rotate()
            {
                _retired.Add(_log);
                _log = File.AppendText("b.log");
            }
            public void Dispose() { _log.Dispose(); foreach (var r in _retired) r.Dispose(); }
        }
        """);

    [Fact]
    public Task Released_guarded_lazy_or_managed_lifecycles_are_clean() => Verifier.Diagnostics(Usings + """
        sealed class Clean : IDisposable
        {
            private Stream _a = File.OpenRead("a");
            private Stream _b = File.OpenRead("b");
            private Stream _c = File.OpenRead("c");
            private Stream _d;
            private Stream _e = File.OpenRead("e");
            public void ReopenA() { _a.Dispose(); _a = File.OpenRead("a"); }
            public void ReopenB() { if (_b == null) _b = File.OpenRead("b"); }
            public void LazyD() { _d = File.OpenRead("d"); }
            public void CloseC() { _c.Dispose(); }
            public void OpenC() { _c = File.OpenRead("c"); }
            public void SwapE(Stream borrowed) { _e = borrowed; }
            public void WrapA() { _a = new BufferedStream(_a); }
            public void Dispose() { _a.Dispose(); _b?.Dispose(); _c?.Dispose(); _d?.Dispose(); _e.Dispose(); }
        }
        """);
}

public class OWN203FixTests
{
    [Fact]
    public Task Release_is_inserted_before_the_member_assignment() => Ownership.Analyzers.Tests.Verifiers.VerifyFix<Ownership.Analyzers.Rules.Types.OWN203OwnedMemberOverwrittenAnalyzer, Ownership.Analyzers.CodeFixes.Types.OWN203ReleaseBeforeAssignmentCodeFix>.Fix("""
        using System; using System.IO;
        sealed class Log : IDisposable
        {
            private Stream _file = File.OpenWrite("a");
            public void Rotate(string path)
            {
                {|OWN203:_file = File.OpenWrite(path)|};
            }
            public void Dispose() => _file.Dispose();
        }
        """, """
        using System; using System.IO;
        sealed class Log : IDisposable
        {
            private Stream _file = File.OpenWrite("a");
            public void Rotate(string path)
            {
                _file?.Dispose();
                _file = File.OpenWrite(path);
            }
            public void Dispose() => _file.Dispose();
        }
        """);
}
