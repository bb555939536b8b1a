using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Ownership.Analyzers.Tests.Reliability;

/// <summary>
/// Shrinks a crashing source to a small one that still crashes the same way, by deleting runs of
/// tokens (halving the run length, as in delta debugging) and keeping each deletion that keeps
/// the crash. Only used after a failure, to turn a mutant into a test-sized repro.
/// </summary>
internal static class CrashReducer
{
    public static async Task<string> ReduceAsync(string text, Func<string, Task<bool>> stillCrashes, int budget = 600)
    {
        var attempts = 0;
        for (var run = Math.Max(1, Tokens(text).Count / 2); run >= 1; run /= 2)
        {
            var start = 0;
            while (attempts < budget)
            {
                var tokens = Tokens(text);
                if (start >= tokens.Count)
                {
                    break;
                }

                var last = Math.Min(tokens.Count, start + run) - 1;
                var span = TextSpan.FromBounds(tokens[start].SpanStart, tokens[last].Span.End);
                var candidate = text.Substring(0, span.Start) + text.Substring(span.End);
                attempts++;
                if (await stillCrashes(candidate))
                {
                    text = candidate;
                }
                else
                {
                    start += run;
                }
            }
        }

        var tidy = Tidy(text);
        return tidy != text && await stillCrashes(tidy) ? tidy : text;
    }

    private static List<SyntaxToken> Tokens(string text)
        => CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens()
            .Where(token => !token.IsKind(SyntaxKind.EndOfFileToken) && token.Span.Length > 0)
            .ToList();

    // Deletions leave runs of blank lines behind; a repro reads better without them.
    private static string Tidy(string text)
        => string.Join("\n", text.Replace("\r\n", "\n").Split('\n').Select(line => line.TrimEnd()).Where(line => line.Length > 0));
}
