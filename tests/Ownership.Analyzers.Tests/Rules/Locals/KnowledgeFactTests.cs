using Ownership.Analyzers.Rules.Locals;
using Ownership.Analyzers.Rules.Types;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules.Locals;

/// <summary>Facts of the curated table learnt from real code, each with a report and a clean twin.</summary>
public class KnowledgeFactTests
{
    private const string Usings = "using System; using System.IO; using System.Xml; using System.Threading; using System.Threading.Channels; using System.Threading.Tasks; using System.Collections.Concurrent;\n";

    [Fact]
    public Task XmlReader_over_a_kept_stream_releases_nothing() => Verify<OWN102CreatedResourceDiscardedAnalyzer>.Diagnostics(Usings + """
        class C
        {
            bool Over(Stream input) => XmlReader.Create(input).Read();
            bool OverText(TextReader input) => XmlReader.Create(input).Read();
            bool FromPath(string path) => {|OWN102:XmlReader.Create(path)|}.Read();
            bool ClosingInput(Stream input, XmlReaderSettings settings) => XmlReader.Create(input, settings).Read();
        }
        """);

    [Fact]
    public Task Writing_to_a_channel_hands_the_item_to_its_reader() => Verify<OWN101DisposeCreatedResourceAnalyzer>.Diagnostics(Usings + """
        class C
        {
            private readonly Channel<Stream> _queue = Channel.CreateUnbounded<Stream>();
            async ValueTask Post(string path)
            {
                var file = File.OpenRead(path);
                await _queue.Writer.WriteAsync(file);
            }
            void TryPost(string path)
            {
                var file = File.OpenRead(path);
                if (!_queue.Writer.TryWrite(file))
                {
                    file.Dispose();
                }
            }
            long Measured(string path)
            {
                var file = {|OWN101:File.OpenRead(path)|};
                return file.Length;
            }
        }
        """);

    [Fact]
    public Task Blocking_collections_and_countdown_events_need_no_release() => Verify<OWN201OwningTypeNotDisposableAnalyzer>.Diagnostics(Usings + """
        class Worker
        {
            private readonly BlockingCollection<string> _queue = new BlockingCollection<string>();
            private readonly CountdownEvent _pending = new CountdownEvent(1);
            public void Add(string item) { _pending.AddCount(); _queue.Add(item); }
        }
        class {|OWN201:Locked|}
        {
            private readonly Mutex _mutex = new Mutex(false, "named");
            public void Enter() => _mutex.WaitOne();
        }
        """);
}
