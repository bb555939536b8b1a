using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Knowledge;

namespace Ownership.Analyzers.Model.Types;

/// <summary>
/// Who can derive from a type (DESIGN §1, the type as owner): a type is <em>open</em> when another
/// assembly can derive from it — it is visible outside and has a constructor a derived type there
/// can call — and <em>closed</em> otherwise, in which case every type that derives from it is in
/// this compilation. For a closed type the model can answer "does any derived type have something
/// of its own to release, or a finalizer?" by looking at those types: the dispose-pattern rules
/// ask it before they report a hook derived types would need (OWN207, OWN208). Friend assemblies
/// (<c>InternalsVisibleTo</c>, mostly tests) are not counted as deriving.
/// One instance per compilation; the walk over its types runs once, when first asked.
/// </summary>
internal sealed class TypeHierarchy
{
    private readonly Lazy<Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>> _derived;
    private readonly OwnershipKnowledge _knowledge;

    public TypeHierarchy(Func<IEnumerable<INamedTypeSymbol>> sourceTypes, OwnershipKnowledge knowledge)
    {
        _knowledge = knowledge;
        _derived = new(() => DirectlyDerived(sourceTypes()), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Another assembly can derive from the type: it is visible outside and has a constructor a derived type there can call.</summary>
    public static bool IsOpen(INamedTypeSymbol type)
        => IsVisibleOutside(type) && type.InstanceConstructors.Any(c => IsAccessibleOutside(c.DeclaredAccessibility));

    /// <summary>The type, and every type it is nested in, is visible to other assemblies.</summary>
    public static bool IsVisibleOutside(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (!IsAccessibleOutside(current.DeclaredAccessibility))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Code of another assembly can call the constructor (a derived type, for a protected one).</summary>
    public static bool IsCallableFromOutside(IMethodSymbol constructor)
        => IsAccessibleOutside(constructor.DeclaredAccessibility) && IsVisibleOutside(constructor.ContainingType);

    private static bool IsAccessibleOutside(Accessibility accessibility)
        => accessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal;

    /// <summary>A type of this compilation derives from the type.</summary>
    public bool IsDerivedFromHere(INamedTypeSymbol type) => _derived.Value.ContainsKey(type.OriginalDefinition);

    /// <summary>
    /// The type is closed and no type of this compilation that derives from it (directly or not)
    /// matches <paramref name="needs"/>: whatever a derived type would need the type to offer, no
    /// derived type can need it.
    /// </summary>
    public bool NoDerivedTypeNeeds(INamedTypeSymbol type, Func<INamedTypeSymbol, bool> needs)
        => !IsOpen(type) && AllDerived(type, derived => !needs(derived));

    /// <summary>Every type of this compilation that derives from the type (directly or not) matches <paramref name="predicate"/>.</summary>
    public bool AllDerived(INamedTypeSymbol type, Func<INamedTypeSymbol, bool> predicate)
    {
        var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<INamedTypeSymbol>();
        pending.Push(type.OriginalDefinition);
        while (pending.Count > 0)
        {
            if (!_derived.Value.TryGetValue(pending.Pop(), out var derived))
            {
                continue;
            }

            foreach (var child in derived)
            {
                if (seen.Add(child))
                {
                    if (!predicate(child))
                    {
                        return false;
                    }

                    pending.Push(child);
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The type has state of its own a release would have to handle: an instance field (or
    /// auto-property) of a resource type or of a native handle type, a finalizer, or a release
    /// method of its own (<c>new void Dispose()</c>, <c>Close()</c>). Deliberately wide — a field
    /// that only borrows still counts — so that a closed type is left unreported only when no
    /// derived type could have anything to release.
    /// </summary>
    public bool HasStateToRelease(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            switch (member)
            {
                case IFieldSymbol { IsStatic: false, IsConst: false } field when _knowledge.IsResourceType(field.Type) || IsHandle(field.Type):
                case IMethodSymbol { MethodKind: MethodKind.Destructor }:
                case IMethodSymbol { IsStatic: false, Name: "Dispose" or "DisposeAsync" or "DisposeAsyncCore" or "Close" }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>The type declares a finalizer.</summary>
    public static bool HasFinalizer(INamedTypeSymbol type)
        => type.GetMembers().Any(m => m is IMethodSymbol { MethodKind: MethodKind.Destructor });

    private static bool IsHandle(ITypeSymbol type)
        => type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr
            || type is IPointerTypeSymbol or IFunctionPointerTypeSymbol
            || type is INamedTypeSymbol { Name: "GCHandle", ContainingNamespace: { Name: "InteropServices" } };

    private static Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> DirectlyDerived(IEnumerable<INamedTypeSymbol> sourceTypes)
    {
        var derived = new Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
        foreach (var type in sourceTypes)
        {
            if (type.BaseType is not { } baseType)
            {
                continue;
            }

            var key = baseType.OriginalDefinition;
            if (!derived.TryGetValue(key, out var list))
            {
                derived[key] = list = new List<INamedTypeSymbol>();
            }

            list.Add(type);
        }

        return derived;
    }
}
