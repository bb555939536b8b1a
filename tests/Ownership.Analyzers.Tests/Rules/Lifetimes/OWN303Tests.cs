using Verifier = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Lifetimes.OWN303EscapesUsingScopeAnalyzer>;

namespace Ownership.Analyzers.Tests.Rules.Lifetimes;

public class OWN303Tests
{
    private const string Usings = "using System; using System.IO; using System.Linq; using System.Net.Http; using System.Threading.Tasks; using System.Collections.Generic;\n";

    [Fact]
    public Task Returning_or_storing_the_using_local_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            private Stream _kept;
            Stream Open(string path)
            {
                using var stream = {|OWN303:File.OpenRead(path)|};
                stream.ReadByte();
                return stream;
            }
            void Keep(string path)
            {
                using (var stream = {|OWN303:File.OpenRead(path)|}) { _kept = stream; }
            }
        }
        """);

    [Fact]
    public Task Returning_an_unawaited_task_a_query_or_a_lambda_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            Task<string> Download(string url)
            {
                using var client = new HttpClient();
                return {|OWN303:client.GetStringAsync(url)|};
            }
            IEnumerable<string> Lines(string path)
            {
                using var reader = new StreamReader(path);
                return {|OWN303:ReadAll(reader).Where(l => l.Length > 0)|};
            }
            Func<int> Later(string path)
            {
                using var stream = File.OpenRead(path);
                return {|OWN303:() => stream.ReadByte()|};
            }
            static IEnumerable<string> ReadAll(TextReader r) { string line; while ((line = r.ReadLine()) != null) yield return line; }
        }
        """);

    [Fact]
    public Task Awaited_materialized_or_synchronous_uses_are_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            async Task<string> Download(string url)
            {
                using var client = new HttpClient();
                return await client.GetStringAsync(url);
            }
            List<string> Lines(string path)
            {
                using var reader = new StreamReader(path);
                return ReadAll(reader).Where(l => l.Length > 0).ToList();
            }
            int Now(string path)
            {
                using var stream = File.OpenRead(path);
                Func<int> read = () => stream.ReadByte();
                return read();
            }
            long Length(string path) { using var stream = File.OpenRead(path); return stream.Length; }
            Stream Detached(string path)
            {
                var stream = File.OpenRead(path);
                return stream;
            }
            IEnumerable<int> Buffered(string path) { using var s = File.OpenRead(path); return Read(s); }
            static IEnumerable<int> Read(Stream s) => new List<int> { s.ReadByte() };
            static IEnumerable<string> ReadAll(TextReader r) { string line; while ((line = r.ReadLine()) != null) yield return line; }
        }
        """);

    [Fact]
    public Task Using_local_returned_only_after_reassignment_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            Stream Reopened(string path)
            {
                var stream = File.OpenRead(path);
                using (stream)
                {
                    stream.ReadByte();
                }

                stream = File.OpenRead(path);
                return stream;
            }

            Stream Cleared(string path)
            {
                var stream = File.OpenRead(path);
                using (stream)
                {
                    stream.ReadByte();
                }

                stream = null;
                return stream;
            }
        }
        """);
}
