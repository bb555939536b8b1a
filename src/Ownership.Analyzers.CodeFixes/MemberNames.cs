using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Ownership.Analyzers.CodeFixes;

/// <summary>Picks a name for a new member of a type: the stem, or the stem with a number when the type has it already.</summary>
internal static class MemberNames
{
    public static string Unique(INamedTypeSymbol type, string stem)
    {
        var names = type.GetMembers().Select(m => m.Name).ToImmutableHashSet();
        var name = stem;
        for (var i = 2; names.Contains(name); i++)
        {
            name = stem + i;
        }

        return name;
    }
}
