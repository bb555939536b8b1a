using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace Ownership.Analyzers.Tests.Reliability;

/// <summary>The harness follows a diagnostic's spot through a fix's edits; if that were wrong, "gone at its spot" would prove nothing.</summary>
public class FixOutcomeMappingTests
{
    [Theory]
    // Insertion before the span ("using " in front of a declaration): the span moves.
    [InlineData(10, 5, 2, 0, "using ", 16, 5)]
    // Insertion right at the span's start moves it; right at its end leaves it.
    [InlineData(10, 5, 10, 0, "xy", 12, 5)]
    [InlineData(10, 5, 15, 0, "xy", 10, 5)]
    // Edit after the span: nothing moves.
    [InlineData(10, 5, 30, 3, "", 10, 5)]
    // Edit inside the span: the spot covers the rewrite.
    [InlineData(10, 5, 12, 1, "abcd", 10, 8)]
    public void Span_follows_the_edit(int start, int length, int changeStart, int changeLength, string newText, int expectedStart, int expectedLength)
    {
        var mapped = FixOutcome.Map(new TextSpan(start, length), ImmutableArray.Create(new TextChange(new TextSpan(changeStart, changeLength), newText)));
        Assert.Equal(new TextSpan(expectedStart, expectedLength), mapped);
    }
}
