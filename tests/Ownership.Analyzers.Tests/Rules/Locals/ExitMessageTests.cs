using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules.Locals;

/// <summary>OWN101 and the OWN5xx leak rules name the exit that loses the resource, and point at it.</summary>
public class ExitMessageTests
{
    [Fact]
    public async Task The_message_names_the_return_break_or_end_that_leaves_while_owned()
    {
        var compilation = await AllAnalyzers.CompileAsync(new[]
        {
            """
            using System; using System.Buffers; using System.IO;
            class C
            {
                long Early(string path, bool skip)
                {
                    var file = File.OpenRead(path);
                    if (skip)
                        return 0;
                    var length = file.Length;
                    file.Dispose();
                    return length;
                }

                void Loop(string[] paths)
                {
                    foreach (var path in paths)
                    {
                        var file = File.OpenRead(path);
                        if (file.Length == 0)
                        {
                            break;
                        }

                        file.Dispose();
                    }
                }

                void Rented(int size, bool fast)
                {
                    var buffer = ArrayPool<byte>.Shared.Rent(size);
                    if (fast)
                    {
                        Console.WriteLine(buffer.Length);
                        return;
                    }

                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
            """,
        });
        var (diagnostics, exceptions) = await AllAnalyzers.RunAsync(compilation);
        Assert.Empty(exceptions);
        var messages = diagnostics.Where(d => d.Id is "OWN101" or "OWN501").OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => (d.GetMessage(), d.AdditionalLocations.Select(l => l.GetLineSpan().StartLinePosition.Line + 1).ToArray())).ToList();
        Assert.Equal(3, messages.Count);
        Assert.EndsWith("it is still owned at the return on line 8", messages[0].Item1);
        Assert.Equal(new[] { 8 }, messages[0].Item2);
        Assert.EndsWith("it is still owned at the break on line 21", messages[1].Item1);
        Assert.Equal(new[] { 21 }, messages[1].Item2);
        Assert.EndsWith("it is still owned at the return on line 34", messages[2].Item1);
        Assert.Equal(new[] { 34 }, messages[2].Item2);
    }
}
