using AwaitFix = Ownership.Analyzers.Tests.Verifiers.VerifyFix<Ownership.Analyzers.Rules.Lifetimes.OWN303EscapesUsingScopeAnalyzer, Ownership.Analyzers.CodeFixes.Lifetimes.OWN303AwaitInsideScopeCodeFix>;
using MaterializeFix = Ownership.Analyzers.Tests.Verifiers.VerifyFix<Ownership.Analyzers.Rules.Lifetimes.OWN303EscapesUsingScopeAnalyzer, Ownership.Analyzers.CodeFixes.Lifetimes.OWN303MaterializeCodeFix>;

namespace Ownership.Analyzers.Tests.Rules.Lifetimes;

public class OWN303FixTests
{
    private const string Usings = "using System; using System.IO; using System.Net.Http; using System.Threading.Tasks; using System.Collections.Generic;\n";

    [Fact]
    public Task Await_fix_makes_the_method_async_and_awaits_every_returned_task() => AwaitFix.Fix(Usings + """
        class C
        {
            public Task<string> Download(string url, bool cached)
            {
                using var client = new HttpClient();
                if (cached)
                {
                    return Task.FromResult("cached");
                }

                return {|OWN303:client.GetStringAsync(url)|};
            }
        }
        """, Usings + """
        class C
        {
            public async Task<string> Download(string url, bool cached)
            {
                using var client = new HttpClient();
                if (cached)
                {
                    return await Task.FromResult("cached");
                }

                return await client.GetStringAsync(url);
            }
        }
        """);

    [Fact]
    public Task Await_fix_without_modifiers_keeps_the_layout() => AwaitFix.Fix(Usings + """
        class C
        {
            Task<string> Download(string url)
            {
                using var client = new HttpClient();
                return {|OWN303:client.GetStringAsync(url)|};
            }
        }
        """, Usings + """
        class C
        {
            async Task<string> Download(string url)
            {
                using var client = new HttpClient();
                return await client.GetStringAsync(url);
            }
        }
        """);

    [Fact]
    public Task No_await_fix_when_a_return_is_not_a_task_or_a_parameter_is_ref() => AwaitFix.NoFix(Usings + """
        class C
        {
            Task<string> Download(string url)
            {
                using var client = new HttpClient();
                if (url.Length == 0)
                {
                    return null;
                }

                return {|OWN303:client.GetStringAsync(url)|};
            }

            Task<string> Counted(string url, ref int count)
            {
                count++;
                using var client = new HttpClient();
                return {|OWN303:client.GetStringAsync(url)|};
            }
        }
        """);

    [Fact]
    public Task Materialize_fix_adds_ToList_and_the_using_it_needs() => MaterializeFix.Fix(Usings + """
        class C
        {
            IEnumerable<string> Lines(string path)
            {
                using var reader = new StreamReader(path);
                return {|OWN303:System.Linq.Enumerable.Where(ReadAll(reader), l => l.Length > 0)|};
            }

            static IEnumerable<string> ReadAll(TextReader r) { string line; while ((line = r.ReadLine()) != null) yield return line; }
        }
        """, Usings + """
        using System.Linq;

        class C
        {
            IEnumerable<string> Lines(string path)
            {
                using var reader = new StreamReader(path);
                return System.Linq.Enumerable.Where(ReadAll(reader), l => l.Length > 0).ToList();
            }

            static IEnumerable<string> ReadAll(TextReader r) { string line; while ((line = r.ReadLine()) != null) yield return line; }
        }
        """);

    [Fact]
    public Task Materialize_fix_uses_the_imported_ToList() => MaterializeFix.Fix("using System.Linq;\n" + Usings + """
        class C
        {
            IEnumerable<string> Lines(string path)
            {
                using var reader = new StreamReader(path);
                return {|OWN303:ReadAll(reader).Where(l => l.Length > 0)|};
            }

            static IEnumerable<string> ReadAll(TextReader r) { string line; while ((line = r.ReadLine()) != null) yield return line; }
        }
        """, "using System.Linq;\n" + Usings + """
        class C
        {
            IEnumerable<string> Lines(string path)
            {
                using var reader = new StreamReader(path);
                return ReadAll(reader).Where(l => l.Length > 0).ToList();
            }

            static IEnumerable<string> ReadAll(TextReader r) { string line; while ((line = r.ReadLine()) != null) yield return line; }
        }
        """);

    [Fact]
    public Task No_fix_for_the_resource_itself_returned() => MaterializeFix.NoFix(Usings + """
        class C
        {
            Stream Open(string path)
            {
                using var stream = {|OWN303:File.OpenRead(path)|};
                return stream;
            }
        }
        """);
}
