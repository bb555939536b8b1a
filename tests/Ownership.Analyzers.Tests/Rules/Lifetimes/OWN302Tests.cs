using Verifier = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Lifetimes.OWN302ReleasedTwiceAnalyzer>;
using VerifyFix = Ownership.Analyzers.Tests.Verifiers.VerifyFix<Ownership.Analyzers.Rules.Lifetimes.OWN302ReleasedTwiceAnalyzer, Ownership.Analyzers.CodeFixes.Lifetimes.OWN302RemoveSecondReleaseCodeFix>;

namespace Ownership.Analyzers.Tests.Rules.Lifetimes;

public class OWN302Tests
{
    private const string Usings = "using System; using System.IO; using System.Text; using System.Threading.Tasks;\n";

    // ---- reports ----

    [Fact]
    public Task Second_explicit_dispose_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(string path)
            {
                var stream = File.OpenRead(path);
                stream.ReadByte();
                stream.Dispose();
                {|OWN302:stream.Dispose()|};
            }

            async Task N(string path)
            {
                var stream = File.OpenRead(path);
                await stream.DisposeAsync();
                stream?{|OWN302:.Dispose()|};
            }
        }
        """);

    [Fact]
    public Task Dispose_as_the_last_statement_of_its_using_scope_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            void Declaration(string path)
            {
                using var stream = File.OpenRead(path);
                stream.ReadByte();
                {|OWN302:stream.Dispose()|};
            }

            void Statement(string path)
            {
                using (var stream = File.OpenRead(path))
                {
                    stream.ReadByte();
                    {|OWN302:stream.Dispose()|};
                }
            }
        }
        """);

    [Fact]
    public Task Dispose_after_the_using_that_disposed_it_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(string path)
            {
                var stream = File.OpenRead(path);
                using (stream)
                {
                    stream.ReadByte();
                }

                {|OWN302:stream.Dispose()|};
            }
        }
        """);

    // ---- clean look-alikes ----

    [Fact]
    public Task Wrapper_and_its_inner_stream_are_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(string path)
            {
                var stream = File.OpenRead(path);
                var reader = new StreamReader(stream);
                reader.ReadLine();
                reader.Dispose();
                stream.Dispose();
            }

            void Usings(string path)
            {
                using var stream = File.OpenRead(path);
                using var reader = new StreamReader(stream);
                reader.ReadLine();
            }
        }
        """);

    [Fact]
    public Task Close_then_dispose_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(string path)
            {
                var stream = File.OpenRead(path);
                stream.ReadByte();
                stream.Close();
                stream.Dispose();
            }

            void N(string path)
            {
                using (var writer = new StreamWriter(path))
                {
                    writer.Write("x");
                    writer.Close();
                }
            }
        }
        """);

    [Fact]
    public Task Early_dispose_inside_a_using_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(string path)
            {
                using var stream = File.Create(path);
                stream.WriteByte(1);
                stream.Dispose();
                File.Delete(path);
            }
        }
        """);

    [Fact]
    public Task Safety_net_in_finally_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(string path)
            {
                var stream = File.OpenRead(path);
                try
                {
                    stream.ReadByte();
                    stream.Dispose();
                }
                finally
                {
                    stream.Dispose();
                }
            }
        }
        """);

    [Fact]
    public Task Disposed_on_some_paths_or_reassigned_or_nulled_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            void Some(string path, bool quick)
            {
                var stream = File.OpenRead(path);
                if (quick)
                {
                    stream.Dispose();
                }

                stream.Dispose();
            }

            void Reassigned(string path)
            {
                var stream = File.OpenRead(path);
                stream.Dispose();
                stream = File.OpenRead(path);
                stream.Dispose();
            }

            void Nulled(string path)
            {
                var stream = File.OpenRead(path);
                stream?.Dispose();
                stream = null;
                stream?.Dispose();
            }
        }
        """);

    [Fact]
    public Task Disposed_by_a_method_then_by_the_caller_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(string path)
            {
                var stream = File.OpenRead(path);
                Finish(stream);
                stream.Dispose();
            }

            static void Finish(Stream s) => s.Dispose();
        }
        """);

    // ---- fix ----

    [Fact]
    public Task Fix_removes_the_redundant_release() => VerifyFix.Fix(Usings + """
        class C
        {
            void M(string path)
            {
                var stream = File.OpenRead(path);
                stream.Dispose();
                {|OWN302:stream.Dispose()|};
            }

            void N(string path)
            {
                using var stream = File.OpenRead(path);
                stream.ReadByte();
                {|OWN302:stream.Dispose()|};
            }
        }
        """, Usings + """
        class C
        {
            void M(string path)
            {
                var stream = File.OpenRead(path);
                stream.Dispose();
            }

            void N(string path)
            {
                using var stream = File.OpenRead(path);
                stream.ReadByte();
            }
        }
        """);

    [Fact]
    public Task No_fix_when_the_release_is_not_a_statement_of_a_block() => VerifyFix.NoFix(Usings + """
        class C
        {
            void M(string path, bool again)
            {
                var stream = File.OpenRead(path);
                stream.Dispose();
                if (again)
                    {|OWN302:stream.Dispose()|};
            }
        }
        """);
}
