using Ownership.Analyzers.CodeFixes.Locals;
using Ownership.Analyzers.Rules.Locals;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules.Locals;

public class OWN101FixTests
{
    private const string Usings = "using System; using System.IO; using System.Threading.Tasks;\n";

    private static Task Fix(string source, string fixedSource)
        => VerifyFix<OWN101DisposeCreatedResourceAnalyzer, OWN101AddUsingCodeFix>.Fix(Usings + source, Usings + fixedSource);

    [Fact]
    public Task Before_CSharp_8_the_rest_of_the_block_goes_into_a_using_statement() => VerifyFix<OWN101DisposeCreatedResourceAnalyzer, OWN101AddUsingCodeFix>.FixIn(
        Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp7_3,
        Usings + """
        class C
        {
            int Count(string path)
            {
                var lines = 0;
                var reader = {|OWN101:new StreamReader(path)|};
                while (reader.ReadLine() != null)
                {
                    lines++;
                }

                return lines;
            }
        }
        """,
        Usings + """
        class C
        {
            int Count(string path)
            {
                var lines = 0;
                using (var reader = new StreamReader(path))
                {
                    while (reader.ReadLine() != null)
                    {
                        lines++;
                    }

                    return lines;
                }
            }
        }
        """);

    [Fact]
    public Task Before_CSharp_8_a_discarded_resource_is_kept_in_a_using_statement() => VerifyFix<OWN102CreatedResourceDiscardedAnalyzer, OWN102IntroduceUsingLocalCodeFix>.FixIn(
        Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp7_3,
        Usings + """
        class C
        {
            long Size(string path)
            {
                var size = {|OWN102:new FileStream(path, FileMode.Open)|}.Length;
                Console.WriteLine(size);
                return size;
            }
        }
        """,
        Usings + """
        class C
        {
            long Size(string path)
            {
                using (var fileStream = new FileStream(path, FileMode.Open))
                {
                    var size = fileStream.Length;
                    Console.WriteLine(size);
                    return size;
                }
            }
        }
        """);

    [Fact]
    public Task Declaration_gets_using() => Fix("""
        class C
        {
            long M(string path, string other)
            {
                var stream = {|OWN101:File.OpenRead(path)|};
                Stream second = {|OWN101:File.OpenRead(other)|};
                return stream.Length + second.Length;
            }
        }
        """, """
        class C
        {
            long M(string path, string other)
            {
                using var stream = File.OpenRead(path);
                using Stream second = File.OpenRead(other);
                return stream.Length + second.Length;
            }
        }
        """);

    [Fact]
    public Task Async_disposable_in_async_code_gets_await_using() => Fix("""
        class C
        {
            async Task<long> M(string path)
            {
                var stream = {|OWN101:File.OpenRead(path)|};
                await Task.Yield();
                return stream.Length;
            }
        }
        """, """
        class C
        {
            async Task<long> M(string path)
            {
                await using var stream = File.OpenRead(path);
                await Task.Yield();
                return stream.Length;
            }
        }
        """);

    [Fact]
    public Task No_fix_when_released_on_some_path() => VerifyFix<OWN101DisposeCreatedResourceAnalyzer, OWN101AddUsingCodeFix>.NoFix(Usings + """
        class C
        {
            Stream M(string path, bool keep)
            {
                var stream = {|OWN101:File.OpenRead(path)|};
                if (keep) return stream;
                return null;
            }
        }
        """);

    [Fact]
    public Task No_fix_when_local_is_written_again() => VerifyFix<OWN101DisposeCreatedResourceAnalyzer, OWN101AddUsingCodeFix>.NoFix(Usings + """
        class C
        {
            static void Touch(ref Stream s) => s.ReadByte();
            void M(string path)
            {
                Stream stream = {|OWN101:File.OpenRead(path)|};
                Touch(ref stream);
            }
        }
        """);
}

public class OWN105NoFixTests
{
    [Fact]
    public Task No_fix_through_a_cast_to_IDisposable() => VerifyFix<OWN105AsyncDisposableDisposedSynchronouslyAnalyzer, OWN105AwaitDisposalCodeFix>.NoFix("""
        using System; using System.IO; using System.Threading.Tasks;
        class C
        {
            async Task M(string path)
            {
                var s = File.OpenWrite(path);
                await s.FlushAsync();
                {|OWN105:((IDisposable)s).Dispose()|};
            }
        }
        """);
}

public class OWN104FixTests
{
    private const string Usings = "using System; using System.IO;\n";

    [Fact]
    public Task Release_is_inserted_before_the_assignment() => VerifyFix<OWN104LocalOverwrittenWhileOwningAnalyzer, OWN104ReleaseBeforeAssignmentCodeFix>.Fix(Usings + """
        class C
        {
            void M(string a, string b)
            {
                var s = File.OpenRead(a);
                s.ReadByte();
                {|OWN104:s = File.OpenRead(b)|};
                s.Dispose();
            }
        }
        """, Usings + """
        class C
        {
            void M(string a, string b)
            {
                var s = File.OpenRead(a);
                s.ReadByte();
                s?.Dispose();
                s = File.OpenRead(b);
                s.Dispose();
            }
        }
        """);
}

public class OWN105FixTests
{
    private const string Usings = "using System; using System.IO; using System.Threading.Tasks;\n";

    [Fact]
    public Task Using_becomes_await_using_and_Dispose_becomes_DisposeAsync() => VerifyFix<OWN105AsyncDisposableDisposedSynchronouslyAnalyzer, OWN105AwaitDisposalCodeFix>.Fix(Usings + """
        class C
        {
            async Task M(string path)
            {
                {|OWN105:using|} var s = File.OpenWrite(path);
                {|OWN105:using|} (var u = File.OpenWrite(path))
                {
                    await u.FlushAsync();
                }

                var t = File.OpenWrite(path);
                await t.FlushAsync();
                {|OWN105:t.Dispose()|};
            }
        }
        """, Usings + """
        class C
        {
            async Task M(string path)
            {
                await using var s = File.OpenWrite(path);
                await using (var u = File.OpenWrite(path))
                {
                    await u.FlushAsync();
                }

                var t = File.OpenWrite(path);
                await t.FlushAsync();
                await t.DisposeAsync();
            }
        }
        """);
}

public class OWN103FixTests
{
    private const string Usings = "using System; using System.IO;\n";

    [Fact]
    public Task Explicit_release_before_return_becomes_using() => VerifyFix<OWN103ReleaseNotInFinallyAnalyzer, OWN103ConvertToUsingCodeFix>.Fix(Usings + """
        class C
        {
            string M(string path)
            {
                var reader = {|OWN103:new StreamReader(path)|};
                var text = reader.ReadToEnd();
                reader.Dispose();
                return text;
            }
        }
        """, Usings + """
        class C
        {
            string M(string path)
            {
                using var reader = new StreamReader(path);
                var text = reader.ReadToEnd();
                return text;
            }
        }
        """);

    [Fact]
    public Task No_fix_when_work_follows_the_release() => VerifyFix<OWN103ReleaseNotInFinallyAnalyzer, OWN103ConvertToUsingCodeFix>.NoFix(Usings + """
        class C
        {
            string M(string path)
            {
                var reader = {|OWN103:new StreamReader(path)|};
                var text = reader.ReadToEnd();
                reader.Dispose();
                File.Delete(path);
                return text;
            }
        }
        """);
}
