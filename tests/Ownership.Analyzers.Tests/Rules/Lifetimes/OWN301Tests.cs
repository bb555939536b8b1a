using Verifier = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Lifetimes.OWN301UsedAfterReleaseAnalyzer>;

namespace Ownership.Analyzers.Tests.Rules.Lifetimes;

public class OWN301Tests
{
    private const string Usings = "using System; using System.IO; using System.Text; using System.Collections; using System.Collections.Generic; using System.Threading.Tasks;\n";

    private const string Attribute = """

        [AttributeUsage(AttributeTargets.Method | AttributeTargets.Parameter)]
        sealed class HandlesResourceDisposalAttribute : Attribute { }
        """;

    // ---- reports ----

    [Fact]
    public Task Call_and_property_read_after_explicit_dispose_are_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            long M(string path)
            {
                var stream = File.OpenRead(path);
                stream.Dispose();
                {|OWN301:stream|}.ReadByte();
                return {|OWN301:stream|}.Position;
            }
        }
        """);

    [Fact]
    public Task A_method_that_releases_its_instance_only_before_it_throws_leaves_it_live_when_it_returns() => Verifier.Diagnostics(Usings + """
        sealed class Channel : IDisposable
        {
            private readonly Stream _socket = File.OpenRead("socket");
            public void Accept(bool connected)
            {
                if (!connected)
                {
                    Close();
                    throw new TimeoutException("no peer");
                }
            }
            public void Finish() { Close(); }
            public void Close() => _socket.Dispose();
            public void Dispose() => Close();
            public int Read() => _socket.ReadByte();
        }
        static class Use
        {
            static int Accepted(bool connected)
            {
                using var channel = new Channel();
                channel.Accept(connected);
                return channel.Read();
            }
            static int Finished()
            {
                var channel = new Channel();
                channel.Finish();
                return {|OWN301:channel|}.Read();
            }
        }
        """);

    [Fact]
    public Task Use_after_the_end_of_its_using_scope_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(string path)
            {
                var stream = File.OpenRead(path);
                using (stream)
                {
                    stream.ReadByte();
                }

                {|OWN301:stream|}.ReadByte();
            }
        }
        """);

    [Fact]
    public Task Inner_stream_used_after_its_wrapper_was_disposed_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            void ByUsing(string path)
            {
                var stream = File.OpenRead(path);
                using (var reader = new StreamReader(stream))
                {
                    reader.ReadLine();
                }

                {|OWN301:stream|}.Position = 0;
            }

            void ByDispose(string path)
            {
                var stream = File.OpenRead(path);
                var reader = new StreamReader(stream, Encoding.UTF8);
                reader.ReadLine();
                reader.Dispose();
                {|OWN301:stream|}.Seek(0, SeekOrigin.Begin);
            }

            void TwoLevels(string path)
            {
                var stream = File.OpenRead(path);
                var buffered = new BufferedStream(stream);
                var reader = new StreamReader(buffered);
                reader.Dispose();
                {|OWN301:stream|}.ReadByte();
            }
        }
        """);

    [Fact]
    public Task Use_after_a_method_that_disposes_its_argument_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            void BySummary(string path)
            {
                var stream = File.OpenRead(path);
                Finish(stream);
                {|OWN301:stream|}.ReadByte();
            }

            void ByAttribute(string path)
            {
                var stream = File.OpenRead(path);
                Consume(stream);
                {|OWN301:stream|}.ReadByte();
            }

            static void Finish(Stream s)
            {
                s.Flush();
                s.Dispose();
            }

            static void Consume([HandlesResourceDisposal] Stream s) { }
        }
        """ + Attribute);

    [Fact]
    public Task Passing_enumerating_and_awaiting_after_dispose_are_reported() => Verifier.Diagnostics(Usings + """
        sealed class Lines : IDisposable, IEnumerable<string>
        {
            private readonly Stream _source = File.OpenRead("lines.txt");
            public void Dispose() => _source.Dispose();
            public IEnumerator<string> GetEnumerator() { yield break; }
            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        }

        class C
        {
            void Pass(string path)
            {
                var stream = File.OpenRead(path);
                stream.Dispose();
                using var reader = new StreamReader({|OWN301:stream|});
            }

            void Enumerate()
            {
                var lines = new Lines();
                lines.Dispose();
                foreach (var line in {|OWN301:lines|})
                {
                }
            }

            async Task Copy(string path, Stream target)
            {
                var stream = File.OpenRead(path);
                stream.Dispose();
                await {|OWN301:stream|}.CopyToAsync(target);
            }
        }
        """);

    [Fact]
    public Task Disposed_on_every_path_then_used_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(string path, bool quick)
            {
                var stream = File.OpenRead(path);
                if (quick)
                {
                    stream.Dispose();
                }
                else
                {
                    stream.ReadByte();
                    stream.Close();
                }

                {|OWN301:stream|}.ReadByte();
            }
        }
        """);

    // ---- clean look-alikes ----

    [Fact]
    public Task Disposed_then_reassigned_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(string[] paths)
            {
                var stream = File.OpenRead(paths[0]);
                stream.Dispose();
                stream = File.OpenRead(paths[1]);
                stream.ReadByte();
                stream.Dispose();

                foreach (var path in paths)
                {
                    var each = File.OpenRead(path);
                    each.ReadByte();
                    each.Dispose();
                }
            }
        }
        """);

    [Fact]
    public Task Disposed_on_some_paths_only_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(string path, bool quick)
            {
                var stream = File.OpenRead(path);
                if (quick)
                {
                    stream.Dispose();
                }

                stream.ReadByte();
                stream.Dispose();
            }
        }
        """);

    [Fact]
    public Task Wrapper_that_leaves_the_stream_open_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            void Constant(string path)
            {
                using var stream = File.OpenRead(path);
                using (var reader = new StreamReader(stream, Encoding.UTF8, true, 1024, leaveOpen: true))
                {
                    reader.ReadLine();
                }

                stream.Position = 0;
            }

            void Flag(string path, bool keepOpen)
            {
                using var stream = File.OpenRead(path);
                using (var reader = new StreamReader(stream, Encoding.UTF8, true, 1024, keepOpen))
                {
                    reader.ReadLine();
                }

                stream.Position = 0;
            }
        }
        """);

    [Fact]
    public Task Members_that_answer_after_dispose_and_comparisons_are_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            string M(string path, List<object> seen)
            {
                var stream = File.OpenRead(path);
                stream.Dispose();
                var text = stream.ToString() + stream.GetHashCode() + stream.CanRead + stream.CanSeek + (stream == null);
                seen.Remove(stream);
                Console.WriteLine(stream);
                return text + nameof(stream);
            }
        }
        """);

    [Fact]
    public Task Method_that_disposes_only_sometimes_or_stores_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            private Stream _kept;

            void M(string path, bool done)
            {
                var first = File.OpenRead(path);
                MaybeFinish(first, done);
                first.ReadByte();

                var second = File.OpenRead(path);
                Keep(second);
                second.ReadByte();

                var third = File.OpenRead(path);
                FinishEarly(third, done);
                third.ReadByte();
            }

            static void MaybeFinish(Stream s, bool done)
            {
                if (done)
                {
                    s.Dispose();
                }
            }

            void Keep(Stream s) => _kept = s;

            static void FinishEarly(Stream s, bool done)
            {
                if (!done)
                {
                    return;
                }

                s.Dispose();
            }
        }
        """);

    [Fact]
    public Task Use_in_a_lambda_that_may_run_later_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            Func<int> M(string path)
            {
                var stream = File.OpenRead(path);
                stream.Dispose();
                return () => stream.ReadByte();
            }
        }
        """);

    [Fact]
    public Task Wrapper_disposed_on_some_paths_only_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(string path, bool quick)
            {
                var stream = File.OpenRead(path);
                var reader = new StreamReader(stream);
                reader.ReadLine();
                if (quick)
                {
                    reader.Dispose();
                    return;
                }

                stream.Position = 0;
                reader.Dispose();
            }
        }
        """);

    [Fact]
    public Task Previous_instance_from_the_same_creation_site_disposed_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(string[] paths)
            {
                Stream previous = null;
                foreach (var path in paths)
                {
                    var current = File.OpenRead(path);
                    if (previous != null)
                    {
                        previous.Dispose();
                    }

                    previous = current;
                    current.ReadByte();
                }

                previous?.Dispose();
            }
        }
        """);

    [Fact]
    public Task Reading_construction_state_after_dispose_is_not_a_use() => Verifier.Diagnostics(Usings + """
        sealed class Entry : IDisposable
        {
            private readonly Stream _data = File.OpenRead("entry");
            private readonly long _size;
            public Entry(long size) => _size = size;
            public string Name { get; } = "entry";
            public long Size => _size;
            public long Position => _data.Position;
            public void Dispose() => _data.Dispose();
        }
        class C
        {
            long M()
            {
                var entry = new Entry(5);
                entry.Dispose();
                return entry.Size + entry.Name.Length + {|OWN301:entry|}.Position;
            }
        }
        """);
}
