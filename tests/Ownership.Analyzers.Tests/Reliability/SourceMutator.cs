using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Ownership.Analyzers.Tests.Reliability;

/// <summary>
/// Breaks valid code the way an editor does between keystrokes: tokens deleted, duplicated,
/// swapped or replaced, and the text cut short. Works on tokens of the parsed text, so a
/// mutation removes or moves a whole <c>using</c>, <c>)</c> or identifier rather than random
/// characters; some mutations move, double or wrap whole statements instead. Deterministic
/// for a given <see cref="Random"/>.
/// </summary>
internal static class SourceMutator
{
    /// <summary>Applies one to three mutations; returns the text and a line per mutation saying what was done.</summary>
    public static (string Text, IReadOnlyList<string> Mutations) Mutate(string text, Random random)
    {
        var mutations = new List<string>();
        var count = 1 + random.Next(3);
        for (var i = 0; i < count; i++)
        {
            var root = CSharpSyntaxTree.ParseText(text).GetRoot();
            var tokens = root.DescendantTokens()
                .Where(token => !token.IsKind(SyntaxKind.EndOfFileToken) && token.Span.Length > 0)
                .ToList();
            if (tokens.Count == 0)
            {
                break;
            }

            var statements = root.DescendantNodes().Where(node => node is StatementSyntax and not BlockSyntax).ToList();
            (text, var description) = random.Next(100) < 30 && statements.Count > 0
                ? MutateStatement(text, statements, random)
                : MutateOnce(text, tokens, random);
            mutations.Add(description);
        }

        return (text, mutations);
    }

    private static (string Text, string Description) MutateOnce(string text, List<SyntaxToken> tokens, Random random)
    {
        var index = random.Next(tokens.Count);
        var token = tokens[index];
        var roll = random.Next(100);
        if (roll < 30)
        {
            return (Replace(text, token.Span, string.Empty), $"delete token #{index} {Show(token)}");
        }

        if (roll < 42)
        {
            var last = Math.Min(tokens.Count - 1, index + 1 + random.Next(8));
            var span = TextSpan.FromBounds(token.SpanStart, tokens[last].Span.End);
            return (Replace(text, span, string.Empty), $"delete tokens #{index}..#{last} '{Shorten(text.Substring(span.Start, span.Length))}' at {span.Start}");
        }

        if (roll < 57)
        {
            var last = Math.Min(tokens.Count - 1, index + random.Next(4));
            var span = TextSpan.FromBounds(token.SpanStart, tokens[last].Span.End);
            var copy = text.Substring(span.Start, span.Length);
            return (text.Insert(span.End, " " + copy), $"duplicate tokens #{index}..#{last} '{Shorten(copy)}' at {span.Start}");
        }

        if (roll < 75)
        {
            var other = Math.Clamp(index + (random.Next(2) == 0 ? 1 : random.Next(-12, 13)), 0, tokens.Count - 1);
            if (other == index)
            {
                other = index == tokens.Count - 1 ? Math.Max(0, index - 1) : index + 1;
            }

            var (first, second) = index < other ? (tokens[index], tokens[other]) : (tokens[other], tokens[index]);
            if (first.Span.OverlapsWith(second.Span) || first == second)
            {
                return (Replace(text, token.Span, string.Empty), $"delete token #{index} {Show(token)}");
            }

            var swapped = Replace(text, second.Span, first.Text);
            swapped = Replace(swapped, first.Span, second.Text);
            return (swapped, $"swap tokens {Show(first)} and {Show(second)}");
        }

        if (roll < 88)
        {
            var donor = tokens[random.Next(tokens.Count)];
            return (Replace(text, token.Span, donor.Text), $"replace token #{index} {Show(token)} with '{Shorten(donor.Text)}'");
        }

        // Truncation: at a token, or inside one (an identifier or string cut in half).
        var at = random.Next(2) == 0 ? token.SpanStart : token.SpanStart + random.Next(token.Span.Length + 1);
        return (text.Substring(0, at), $"truncate at {at} (in/before token #{index} {Show(token)})");
    }

    // Statement-level edits keep the code valid more often, so the flow analysis, not only the
    // error bail-outs, meets new shapes: a release moved out of a finally, a creation doubled,
    // a statement caught in a loop, a lambda or a try.
    private static readonly string[] Wrappers =
    {
        "if (System.DateTime.Now.Ticks > 0) {{ {0} }}",
        "for (var i__ = 0; i__ < 2; i__++) {{ {0} }}",
        "try {{ {0} }} finally {{ }}",
        "try {{ }} finally {{ {0} }}",
        "try {{ {0} }} catch (System.Exception) {{ throw; }}",
        "lock (new object()) {{ {0} }}",
        "System.Action a__ = () => {{ {0} }};",
        "{{ {0} }}",
        "switch (System.DateTime.Now.Second) {{ case 1: {0} break; default: break; }}",
        "while (System.DateTime.Now.Ticks < 0) {{ {0} }}",
    };

    private static (string Text, string Description) MutateStatement(string text, List<SyntaxNode> statements, Random random)
    {
        var index = random.Next(statements.Count);
        var statement = statements[index];
        var code = statement.ToString();
        var roll = random.Next(100);
        if (roll < 25)
        {
            return (Replace(text, statement.Span, string.Empty), $"delete statement #{index} '{Shorten(code)}' at {statement.SpanStart}");
        }

        if (roll < 45)
        {
            return (text.Insert(statement.Span.End, " " + code), $"duplicate statement #{index} '{Shorten(code)}' at {statement.SpanStart}");
        }

        if (roll < 65 && statement.Parent is BlockSyntax block && block.Statements.Count > 1)
        {
            var position = block.Statements.IndexOf((StatementSyntax)statement);
            var other = block.Statements[position == block.Statements.Count - 1 ? position - 1 : position + 1];
            var (first, second) = position < block.Statements.IndexOf(other) ? (statement, (SyntaxNode)other) : (other, statement);
            var swapped = Replace(text, second.Span, first.ToString());
            swapped = Replace(swapped, first.Span, second.ToString());
            return (swapped, $"swap statements '{Shorten(first.ToString())}' and '{Shorten(second.ToString())}' at {first.SpanStart}");
        }

        var wrapper = Wrappers[random.Next(Wrappers.Length)];
        return (Replace(text, statement.Span, string.Format(CultureInfo.InvariantCulture, wrapper, code)), $"wrap statement #{index} '{Shorten(code)}' at {statement.SpanStart} in '{wrapper}'");
    }

    private static string Replace(string text, TextSpan span, string replacement)
        => text.Substring(0, span.Start) + replacement + text.Substring(span.End);

    private static string Show(SyntaxToken token) => $"'{Shorten(token.Text)}' at {token.SpanStart}";

    private static string Shorten(string text)
    {
        var flat = text.Replace("\r", "\\r").Replace("\n", "\\n");
        return flat.Length <= 60 ? flat : flat.Substring(0, 57) + "...";
    }
}
