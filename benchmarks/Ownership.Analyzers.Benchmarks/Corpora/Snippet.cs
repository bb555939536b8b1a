using System;
using System.Collections.Generic;
using System.Globalization;

namespace Ownership.Analyzers.Benchmarks.Corpora;

/// <summary>
/// One member template of the generated corpus. Lines starting with <c>?-</c> appear only in the
/// correct variant, lines starting with <c>?+</c> only in the leaking one, every other line in
/// both. <c>$NAME$</c>, <c>$K$</c> (a small number) and <c>$SIZE$</c> (a buffer size) are filled in.
/// </summary>
internal sealed record Snippet(string Kind, string Template)
{
    public bool CanLeak => Template.Contains("?+", StringComparison.Ordinal) || Template.Contains("?-", StringComparison.Ordinal);

    /// <summary>The member's lines, indented by <paramref name="indent"/>, for the chosen variant.</summary>
    public IEnumerable<string> Render(string name, bool leak, Random random, string indent)
    {
        var k = random.Next(2, 40).ToString(CultureInfo.InvariantCulture);
        var size = (1024 << random.Next(0, 6)).ToString(CultureInfo.InvariantCulture);
        foreach (var raw in Template.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("?+", StringComparison.Ordinal))
            {
                if (!leak)
                {
                    continue;
                }

                line = line.Substring(2);
            }
            else if (line.StartsWith("?-", StringComparison.Ordinal))
            {
                if (leak)
                {
                    continue;
                }

                line = line.Substring(2);
            }

            line = line.Replace("$NAME$", name, StringComparison.Ordinal)
                .Replace("$K$", k, StringComparison.Ordinal)
                .Replace("$SIZE$", size, StringComparison.Ordinal);
            yield return line.Length == 0 ? string.Empty : indent + line;
        }
    }
}
