using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules.Types;

/// <summary>What the type rules' messages and locations say: the creating site, and the declaration of a partial type.</summary>
public class TypeMessageTests
{
    [Fact]
    public async Task Messages_name_the_creating_site_and_partial_types_report_on_the_declaring_part()
    {
        var compilation = await AllAnalyzers.CompileAsync(new[]
        {
            """
            using System; using System.IO;
            sealed class Archive : IDisposable
            {
                private readonly Stream _data;
                public Archive(string path) => _data = File.OpenRead(path);
                public void Dispose() { }
            }
            partial class Journal { public void Write(byte b) { } }
            """,
            """
            using System.IO;
            partial class Journal
            {
                private readonly Stream _file = File.OpenWrite("journal");
            }
            """,
        });
        var (diagnostics, exceptions) = await AllAnalyzers.RunAsync(compilation);
        Assert.Empty(exceptions);
        var own202 = Assert.Single(diagnostics, d => d.Id == "OWN202");
        Assert.Equal("'Archive' owns '_data' (created in the constructor) but does not release it when it is disposed", own202.GetMessage());
        var own201 = Assert.Single(diagnostics, d => d.Id == "OWN201");
        Assert.Equal("/src/File1.cs", own201.Location.SourceTree!.FilePath);
    }
}
