using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ownership.Analyzers.Tests.Verifiers;

/// <summary>
/// A stand-in for a third-party package, compiled from source into an in-memory assembly and
/// referenced as metadata: the model then sees its types the way it sees a NuGet package's —
/// no bodies, only the knowledge table's facts. A stub compiled into the test's own project would
/// be summarized from its source instead, and could not test a table entry.
/// </summary>
internal static class MetadataLibrary
{
    private static readonly ConcurrentDictionary<(string Name, string Source), Lazy<Task<MetadataReference>>> Built = new();

    public static Task<MetadataReference> Get(string assemblyName, string source)
        => Built.GetOrAdd((assemblyName, source), key => new Lazy<Task<MetadataReference>>(() => BuildAsync(key.Name, key.Source))).Value;

    private static async Task<MetadataReference> BuildAsync(string assemblyName, string source)
    {
        var references = await TestReferences.Default.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var compilation = CSharpCompilation.Create(
            assemblyName,
            new[] { CSharpSyntaxTree.ParseText(source) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            throw new InvalidOperationException($"stub library '{assemblyName}' does not compile: " + string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
