using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Ownership.Analyzers.Tests.Reliability;

/// <summary>One document of a <see cref="CorpusInput"/>: a path that names it in reports, and its text.</summary>
public sealed record CorpusDocument(string Path, string Text);

/// <summary>
/// One program the reliability tests feed to the analyzers and fixes: a C# test input of the
/// rule tests (one document) or a sample project (all its documents, compiled together).
/// </summary>
public sealed record CorpusInput(string Name, ImmutableArray<CorpusDocument> Documents, OutputKind Kind)
{
    public CorpusInput WithDocument(int index, string text)
        => this with { Documents = Documents.SetItem(index, Documents[index] with { Text = text }) };

    public override string ToString() => Name;
}
