using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules.Lifetimes;

/// <summary>The OWN301/OWN302 messages name the release that came first, and its line (markup tests do not read messages).</summary>
public class LifetimeMessageTests
{
    [Fact]
    public async Task Messages_name_the_release_and_its_line()
    {
        var source = """
            using System.IO;
            class C
            {
                void Wrapper(string path)
                {
                    var stream = File.OpenRead(path);
                    var reader = new StreamReader(stream);
                    reader.Dispose();
                    stream.ReadByte();
                }

                void Scope(string path)
                {
                    var stream = File.OpenRead(path);
                    using (stream)
                    {
                        stream.ReadByte();
                    }
                    stream.ReadByte();
                }

                void Twice(string path)
                {
                    using var stream = File.OpenRead(path);
                    stream.ReadByte();
                    stream.Dispose();
                }
            }
            """;
        var compilation = await AllAnalyzers.CompileAsync(new[] { source });
        var (diagnostics, exceptions) = await AllAnalyzers.RunAsync(compilation);

        Assert.Empty(exceptions);
        var messages = diagnostics
            .Where(d => d.Id is "OWN301" or "OWN302")
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => $"{d.Id} {d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.GetMessage()}")
            .ToArray();
        Assert.Equal(
            new[]
            {
                "OWN301 9: 'stream' is used after it was disposed by 'reader.Dispose()' (line 8)",
                "OWN301 19: 'stream' is used after it was disposed at the end of the 'using' scope of 'stream' (line 18)",
                "OWN302 26: 'stream' is disposed here and again at the end of its 'using' scope (line 27)",
            },
            messages);
    }
}
