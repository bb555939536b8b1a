using Ownership.Analyzers.CodeFixes.Locals;
using Ownership.Analyzers.Rules.Locals;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules.Locals;

public class OWN102FixTests
{
    private const string Usings = "using System; using System.IO; using System.Net.Http; using System.Threading.Tasks;\n";

    private static Task Fix(string source, string fixedSource)
        => VerifyFix<OWN102CreatedResourceDiscardedAnalyzer, OWN102IntroduceUsingLocalCodeFix>.Fix(Usings + source, Usings + fixedSource);

    [Fact]
    public Task Statement_becomes_using_declaration() => Fix("""
        class C
        {
            void M(string path)
            {
                {|OWN102:new FileStream(path, FileMode.Open)|};
            }
        }
        """, """
        class C
        {
            void M(string path)
            {
                using var fileStream = new FileStream(path, FileMode.Open);
            }
        }
        """);

    [Fact]
    public Task Discard_becomes_using_declaration() => Fix("""
        class C
        {
            void M(string path)
            {
                _ = {|OWN102:File.OpenRead(path)|};
            }
        }
        """, """
        class C
        {
            void M(string path)
            {
                using var fileStream = File.OpenRead(path);
            }
        }
        """);

    [Fact]
    public Task Call_on_temporary_is_hoisted() => Fix("""
        class C
        {
            async Task<int> M(string url)
            {
                var text = await {|OWN102:new HttpClient()|}.GetStringAsync(url);
                return text.Length;
            }
        }
        """, """
        class C
        {
            async Task<int> M(string url)
            {
                using var httpClient = new HttpClient();
                var text = await httpClient.GetStringAsync(url);
                return text.Length;
            }
        }
        """);

    [Fact]
    public Task Expression_body_becomes_block() => Fix("""
        class C
        {
            async Task<string> M(string url) => await {|OWN102:new HttpClient()|}.GetStringAsync(url);
        }
        """, """
        class C
        {
            async Task<string> M(string url)
            {
                using var httpClient = new HttpClient();
                return await httpClient.GetStringAsync(url);
            }
        }
        """);

    [Fact]
    public Task Fix_all_picks_distinct_names() => Fix("""
        class C
        {
            void M(string a, string b)
            {
                {|OWN102:File.OpenRead(a)|};
                {|OWN102:File.OpenRead(b)|};
            }
        }
        """, """
        class C
        {
            void M(string a, string b)
            {
                using var fileStream = File.OpenRead(a);
                using var fileStream2 = File.OpenRead(b);
            }
        }
        """);

    [Fact]
    public Task Awaited_response_is_kept() => Fix("""
        class C
        {
            async Task M(HttpClient client)
            {
                await {|OWN102:client.GetAsync("http://localhost")|};
            }
        }
        """, """
        class C
        {
            async Task M(HttpClient client)
            {
                using var httpResponseMessage = await client.GetAsync("http://localhost");
            }
        }
        """);

    [Fact]
    public Task Async_disposable_in_async_code_gets_await_using() => Fix("""
        class C
        {
            async Task M(string path)
            {
                {|OWN102:File.OpenWrite(path)|};
                await Task.Yield();
            }
        }
        """, """
        class C
        {
            async Task M(string path)
            {
                await using var fileStream = File.OpenWrite(path);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task A_value_read_from_the_resource_and_returned_is_fixed() => Fix("""
        class C
        {
            long Size(string path)
            {
                return {|OWN102:new FileStream(path, FileMode.Open)|}.Length;
            }

            long SizeOf(string path) => {|OWN102:new FileStream(path, FileMode.Open)|}.Length;
        }
        """, """
        class C
        {
            long Size(string path)
            {
                using var fileStream = new FileStream(path, FileMode.Open);
                return fileStream.Length;
            }

            long SizeOf(string path)
            {
                using var fileStream = new FileStream(path, FileMode.Open);
                return fileStream.Length;
            }
        }
        """);

    [Fact]
    public Task No_fix_when_the_returned_value_still_uses_the_resource() => VerifyFix<OWN102CreatedResourceDiscardedAnalyzer, OWN102IntroduceUsingLocalCodeFix>.NoFix(Usings + """
        class C
        {
            Task<string> Read(string path) => {|OWN102:new StreamReader(path)|}.ReadToEndAsync();
        }
        """);

    [Fact]
    public Task No_fix_when_creation_is_conditional() => VerifyFix<OWN102CreatedResourceDiscardedAnalyzer, OWN102IntroduceUsingLocalCodeFix>.NoFix(Usings + """
        class C
        {
            long M(bool b, string p) => b ? Length({|OWN102:File.OpenRead(p)|}) : 0;
            static long Length(Stream s) => s.Length;
        }
        """);

    [Fact]
    public Task No_fix_when_hoisting_would_reorder() => VerifyFix<OWN102CreatedResourceDiscardedAnalyzer, OWN102IntroduceUsingLocalCodeFix>.NoFix(Usings + """
        class C
        {
            static long Length(string label, Stream s) => s.Length;
            void M(string p)
            {
                Length(Console.ReadLine(), {|OWN102:File.OpenRead(p)|});
            }
        }
        """);
}
