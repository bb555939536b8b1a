using System.Collections.Generic;

namespace Ownership.Analyzers.Knowledge;

/// <summary>
/// The naming convention of ownership flags (DESIGN §4.4): a bool whose name says who releases a
/// resource — <c>ownsStream</c>, <c>leaveOpen</c>, <c>keepOpen</c>, <c>disposeHandler</c>, <c>closeInput</c>.
/// Read on members and parameters that guard a release, and on arguments that decide a transfer.
/// </summary>
internal static class OwnershipFlags
{
    /// <summary>
    /// A name that records ownership: a word own/owns/owned/owner/ownership (<c>ownsSocket</c>,
    /// <c>isStreamOwner</c>), leave/keep … open (<c>leaveInnerStreamOpen</c>), or a word dispose/close
    /// (<c>disposeHandler</c>, <c>closeStream</c>, <c>autoDispose</c>). Not the dispose pattern's own
    /// <c>disposing</c> parameter nor a <c>disposed</c>/<c>closed</c> state flag, and not a word that
    /// only contains the letters (<c>shutdown</c>, <c>known</c>).
    /// </summary>
    public static bool IsOwnershipFlagName(string name)
    {
        var words = Words(name);
        if (words.Count == 0)
        {
            return false;
        }


        var hasOpen = false;
        var hasLeave = false;
        foreach (var word in words)
        {
            if (word is "own" or "owns" or "owned" or "owner" or "ownership" or "owning" or "dispose" or "disposes" or "close" or "closes")
            {
                return true;
            }

            hasOpen |= word == "open";
            hasLeave |= word is "leave" or "keep";
        }

        return hasLeave && hasOpen;
    }

    /// <summary>True when a true value of the flag keeps the resource with the caller (<c>leaveOpen</c>, <c>keepOpen</c>).</summary>
    public static bool KeepsWhenTrue(string name)
    {
        var words = Words(name);
        return words.Contains("leave") || words.Contains("keep");
    }

    /// <summary>The lower-case words of a camelCase, PascalCase or snake_case name.</summary>
    private static List<string> Words(string name)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= name.Length; i++)
        {
            var boundary = i == name.Length || name[i] == '_' || (char.IsUpper(name[i]) && i > 0 && !char.IsUpper(name[i - 1]));
            if (boundary && start >= 0)
            {
                words.Add(name.Substring(start, i - start).ToLowerInvariant());
                start = -1;
            }

            if (i < name.Length && name[i] != '_' && start < 0)
            {
                start = i;
            }
        }

        return words;
    }
}
