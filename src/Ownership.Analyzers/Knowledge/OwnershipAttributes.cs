using Microsoft.CodeAnalysis;

namespace Ownership.Analyzers.Knowledge;

/// <summary>
/// JetBrains' ownership annotations, matched by name in any namespace so that users can declare
/// them in source without a package reference (DESIGN §1, knowledge source 1).
/// </summary>
internal static class OwnershipAttributes
{
    private const string MustDisposeResource = "MustDisposeResourceAttribute";
    private const string HandlesResourceDisposal = "HandlesResourceDisposalAttribute";

    /// <summary>
    /// <c>[MustDisposeResource]</c> (or <c>[MustDisposeResource(true)]</c>) on the symbol: true;
    /// <c>[MustDisposeResource(false)]</c>: false; no attribute: null.
    /// </summary>
    public static bool? MustDispose(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == MustDisposeResource)
            {
                if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is bool value)
                {
                    return value;
                }

                return true;
            }
        }

        return null;
    }

    /// <summary><c>[HandlesResourceDisposal]</c> on a parameter (takes ownership) or a method (releases its receiver).</summary>
    public static bool HandlesDisposal(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == HandlesResourceDisposal)
            {
                return true;
            }
        }

        return false;
    }
}
