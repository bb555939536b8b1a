using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Ownership.Analyzers.Knowledge;

/// <summary>
/// Native peers (DESIGN §1 "Cycle"): on iOS, tvOS, macOS and Mac Catalyst, managed types derived from
/// <c>Foundation.NSObject</c> are paired with reference-counted Objective-C objects. Resolved once per
/// compilation by metadata name; a compilation without <c>NSObject</c> gets no instance, and the
/// rules that need one register nothing.
/// </summary>
internal sealed class NativePeerTypes
{
    /// <summary>
    /// Peers that are values: immutable Foundation and UIKit objects that never hold a reference to
    /// another object of yours, so a strong reference to one cannot close a cycle.
    /// </summary>
    private static readonly ImmutableArray<string> ValueLikePeerNames = ImmutableArray.Create(
        "Foundation.NSString", "Foundation.NSNumber", "Foundation.NSValue", "Foundation.NSDecimalNumber",
        "Foundation.NSData", "Foundation.NSDate", "Foundation.NSUrl", "Foundation.NSUuid", "Foundation.NSLocale",
        "Foundation.NSTimeZone", "Foundation.NSIndexPath", "Foundation.NSAttributedString",
        "UIKit.UIColor", "UIKit.UIFont", "UIKit.UIImage", "AppKit.NSColor", "AppKit.NSFont", "AppKit.NSImage");

    /// <summary>Attributes that say a member is not a strong reference, or is an outlet into the view hierarchy the parent owns.</summary>
    private static readonly ImmutableHashSet<string> SafeMemberAttributeNames = ImmutableHashSet.Create(
        "WeakAttribute", "OutletAttribute", "ConnectAttribute");

    private readonly ImmutableArray<INamedTypeSymbol> _valueLike;

    private NativePeerTypes(INamedTypeSymbol nsObject, ImmutableArray<INamedTypeSymbol> valueLike)
    {
        NSObject = nsObject;
        _valueLike = valueLike;
    }

    public INamedTypeSymbol NSObject { get; }

    /// <summary>Null when the compilation has no <c>Foundation.NSObject</c>: nothing to analyze.</summary>
    public static NativePeerTypes? TryCreate(Compilation compilation)
    {
        if (compilation.GetTypeByMetadataName("Foundation.NSObject") is not { } nsObject)
        {
            return null;
        }

        var valueLike = ValueLikePeerNames
            .Select(compilation.GetTypeByMetadataName)
            .Where(type => type is not null)
            .Select(type => type!)
            .ToImmutableArray();
        return new NativePeerTypes(nsObject, valueLike);
    }

    /// <summary><c>NSObject</c> or a class derived from it, or a type parameter constrained to one.</summary>
    public bool IsPeer(ITypeSymbol? type)
    {
        if (type is ITypeParameterSymbol parameter)
        {
            return parameter.ConstraintTypes.Any(constraint => constraint is not ITypeParameterSymbol && IsPeer(constraint));
        }

        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class } named)
        {
            return false;
        }

        for (var current = named.OriginalDefinition; current is not null; current = current.BaseType?.OriginalDefinition)
        {
            if (SymbolEqualityComparer.Default.Equals(current, NSObject))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A peer that is a value (<c>NSString</c>, <c>UIColor</c>…) or derives from one.</summary>
    public bool IsValueLike(ITypeSymbol type)
    {
        for (var current = type.OriginalDefinition as INamedTypeSymbol; current is not null; current = current.BaseType?.OriginalDefinition)
        {
            if (_valueLike.Contains(current, SymbolEqualityComparer.Default))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>[Weak]</c>, <c>[Outlet]</c>, <c>[Connect]</c>: matched by name in any namespace.</summary>
    public static bool HasSafeMemberAttribute(ISymbol member)
        => member.GetAttributes().Any(a => a.AttributeClass is { } attribute
            && (SafeMemberAttributeNames.Contains(attribute.Name) || SafeMemberAttributeNames.Contains(attribute.Name + "Attribute")));
}
