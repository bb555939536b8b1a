using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ownership.Analyzers.Knowledge;

/// <summary>What a member's result is, as far as the knowledge sources say.</summary>
internal enum ReturnOwnership
{
    Unknown,
    Created,
    Borrowed,
}

/// <summary>What a call does with one resource argument, as far as the knowledge sources say.</summary>
internal enum ArgumentFate
{
    /// <summary>No fact: the model decides from the shape of the call.</summary>
    Unknown,

    /// <summary>The callee (or the object it builds) takes ownership.</summary>
    Transferred,

    /// <summary>The caller keeps ownership.</summary>
    Kept,
}

/// <summary>
/// The knowledge sources of DESIGN §1 — attributes, options, the curated table — resolved for
/// one compilation. Source-method summaries are the model's business, not this class's.
/// </summary>
internal sealed partial class OwnershipKnowledge
{
    private readonly Dictionary<INamedTypeSymbol, TypeFacts> _facts;
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _resourceTypes = new(SymbolEqualityComparer.Default);

    private OwnershipKnowledge(Compilation compilation)
    {
        Types = WellKnownTypes.Create(compilation);
        Roots = RootKnowledge.Create(compilation);
        _facts = new Dictionary<INamedTypeSymbol, TypeFacts>(SymbolEqualityComparer.Default);
        foreach (var entry in BclOwnershipTable.Entries())
        {
            if (compilation.GetTypeByMetadataName(entry.MetadataName) is { } type && !_facts.ContainsKey(type))
            {
                _facts.Add(type, entry);
            }
        }
    }

    public WellKnownTypes Types { get; }

    /// <summary>Publishers and subscription APIs: what roots a callback's target (knowledge §5).</summary>
    public RootKnowledge Roots { get; }

    public static OwnershipKnowledge Create(Compilation compilation) => new(compilation);

    /// <summary>
    /// A type whose instances must be released: <c>IDisposable</c>, <c>IAsyncDisposable</c>, or a
    /// ref struct with a pattern <c>Dispose()</c>.
    /// </summary>
    public bool IsResourceType(ITypeSymbol? type)
    {
        if (type is null || type.TypeKind == TypeKind.Error)
        {
            return false;
        }

        if (type.SpecialType != SpecialType.None)
        {
            return type.SpecialType == SpecialType.System_IDisposable;
        }

        return _resourceTypes.GetOrAdd(type, ComputeIsResourceType);
    }

    private bool ComputeIsResourceType(ITypeSymbol type)
    {
        if (Types.IsTaskLike(type))
        {
            // Task is IDisposable, but disposing it is optional (DESIGN §4.5); what matters is
            // the resource it carries, which the model reads through the awaited type.
            return false;
        }

        if (type is ITypeParameterSymbol typeParameter)
        {
            foreach (var constraint in typeParameter.ConstraintTypes)
            {
                if (IsResourceType(constraint))
                {
                    return true;
                }
            }

            return false;
        }

        if (IsSameOrImplements(type, Types.IDisposable) || (Types.IAsyncDisposable is { } asyncDisposable && IsSameOrImplements(type, asyncDisposable)))
        {
            return true;
        }

        return type.IsRefLikeType && HasPatternDispose(type);
    }

    public bool IsAsyncDisposable(ITypeSymbol? type)
        => type is not null && Types.IAsyncDisposable is { } asyncDisposable && IsSameOrImplements(type, asyncDisposable);

    private static bool IsSameOrImplements(ITypeSymbol type, INamedTypeSymbol @interface)
    {
        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, @interface))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, @interface))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasPatternDispose(ITypeSymbol type)
    {
        foreach (var member in type.GetMembers("Dispose"))
        {
            if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 0, DeclaredAccessibility: Accessibility.Public })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The type's own table entry, or the nearest base type's.</summary>
    private TypeFacts? FactsFor(ITypeSymbol? type, bool includeBases)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = includeBases ? current.BaseType : null)
        {
            if (_facts.TryGetValue(current.OriginalDefinition, out var facts))
            {
                return facts;
            }
        }

        return null;
    }

    /// <summary>
    /// Every table entry that speaks for <paramref name="member"/>: its type, base types and, for
    /// interface calls and implementations, the interfaces.
    /// </summary>
    private IEnumerable<TypeFacts> FactsForMember(ISymbol member)
    {
        for (var current = member.ContainingType; current is not null; current = current.BaseType)
        {
            if (_facts.TryGetValue(current.OriginalDefinition, out var facts))
            {
                yield return facts;
            }
        }

        if (member.ContainingType is { } containing)
        {
            foreach (var @interface in containing.AllInterfaces)
            {
                if (_facts.TryGetValue(@interface.OriginalDefinition, out var facts))
                {
                    yield return facts;
                }
            }
        }
    }

    /// <summary>
    /// True when a value of <paramref name="type"/> needs no release (table, options, attribute).
    /// <paramref name="creation"/>, when given, refines it (a CTS without arguments, a reader with leaveOpen).
    /// </summary>
    public bool NeedsNoDisposal(ITypeSymbol type, IObjectCreationOperation? creation, OwnershipOptions options)
    {
        // DESIGN §1 order: attributes, then options, then the table.
        if (OwnershipAttributes.MustDispose(type.OriginalDefinition) is bool mustDispose)
        {
            return !mustDispose;
        }

        var name = options.IsEmpty ? null : OwnershipOptions.NameOf(type);
        if (name is not null && options.TrackedTypes.Contains(name))
        {
            return false;
        }

        if (name is not null && options.HarmlessTypes.Contains(name))
        {
            return true;
        }

        if (IsEnumerator(type))
        {
            // DESIGN §4.5: enumerators are released by foreach; a hand-driven one holds nothing
            // that matters outside iterators with finally blocks.
            return true;
        }

        var facts = FactsFor(type, includeBases: false);
        if (facts is not null)
        {
            if (facts.NoDisposalNeeded)
            {
                return true;
            }

            if (creation is not null)
            {
                if (facts.NoDisposalNeededWhenConstructedWithoutArguments && creation.Arguments.Length == 0)
                {
                    return true;
                }

                if (facts.NoDisposalNeededWhenNotOwning && facts.Constructors is { } ctor && !ConstructorTransfers(ctor, creation.Arguments))
                {
                    return true;
                }
            }
        }

        // Harmless base types that must match exactly stop here; the others cover derived types.
        for (var baseType = (type as INamedTypeSymbol)?.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (_facts.TryGetValue(baseType.OriginalDefinition, out var baseFacts) && baseFacts.NoDisposalNeeded && !baseFacts.ExactTypeOnly)
            {
                return true;
            }
        }

        return false;
    }

    private bool IsEnumerator(ITypeSymbol type)
    {
        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, Types.IEnumeratorOfT))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.SpecialType == SpecialType.System_Collections_IEnumerator
                || SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, Types.IEnumeratorOfT))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The table says this exact type's own Dispose releases nothing (MemoryStream, DataTable…),
    /// whatever a derived type may add.
    /// </summary>
    public bool DisposeReleasesNothing(INamedTypeSymbol type)
        => _facts.TryGetValue(type.OriginalDefinition, out var facts) && facts.NoDisposalNeeded;

    /// <summary>The table says the type's own Dispose(bool) releases nothing (see <see cref="TypeFacts.BaseDisposeIsEmpty"/>).</summary>
    public bool BaseDisposeReleasesNothing(INamedTypeSymbol type)
        => _facts.TryGetValue(type.OriginalDefinition, out var facts) && facts.BaseDisposeIsEmpty;

    /// <summary>
    /// What the table says a metadata type's own disposal releases (<see cref="TypeFacts.DisposeReleases"/>),
    /// from the type or the nearest base with a fact; a base that releases nothing of its own
    /// (<see cref="TypeFacts.BaseDisposeIsEmpty"/>) ends the search. Null: nothing known to be released.
    /// </summary>
    public (string? Releases, TypeFacts? Facts) WhatDisposeReleases(INamedTypeSymbol type)
    {
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            if (!_facts.TryGetValue(current.OriginalDefinition, out var facts))
            {
                continue;
            }

            if (facts.DisposeReleases is { } releases)
            {
                return (releases, facts);
            }

            if (facts.BaseDisposeIsEmpty || facts.NoDisposalNeeded)
            {
                return (null, facts);
            }
        }

        return (null, null);
    }

    /// <summary>
    /// A metadata base type whose own disposal releases nothing, as far as the table says: a
    /// harmless type (<c>MemoryStream</c>), or an abstract base with an empty <c>Dispose(bool)</c>
    /// (<c>Stream</c>, <c>TextReader</c>).
    /// </summary>
    public bool BaseReleasesNothingOfItsOwn(INamedTypeSymbol type)
        => _facts.TryGetValue(type.OriginalDefinition, out var facts) && (facts.NoDisposalNeeded || facts.BaseDisposeIsEmpty);

    /// <summary>The constructor facts of a metadata type, when releasing it releases only what its constructor took (<c>BinaryReader</c>).</summary>
    public ConstructorOwnership? ReleasesOnlyWhatConstructorTook(INamedTypeSymbol type)
        => FactsFor(type, includeBases: false) is { NoDisposalNeededWhenNotOwning: true, Constructors: { } ctor } ? ctor : null;

    /// <summary>Whether a constructor call with these arguments hands its resource arguments to the new object (<c>leaveOpen</c>, …).</summary>
    public static bool Transfers(ConstructorOwnership ownership, ImmutableArray<IArgumentOperation> arguments)
        => ConstructorTransfers(ownership, arguments);

    /// <summary>The table says this metadata type's own <c>DisposeAsync()</c> only calls <c>Dispose()</c>.</summary>
    public bool DisposeAsyncOnlyCallsDispose(INamedTypeSymbol type)
        => _facts.TryGetValue(type.OriginalDefinition, out var facts) && facts.DisposeAsyncOnlyCallsDispose;

    /// <summary>The member's result is a view of its receiver (see <see cref="TypeFacts.AliasingMembers"/>).</summary>
    public bool IsAliasingMember(ISymbol member) => ListsMember(member, facts => facts.AliasingMembers);

    /// <summary>Some table entry that speaks for the member lists its name in the chosen set.</summary>
    private bool ListsMember(ISymbol member, System.Func<TypeFacts, ImmutableHashSet<string>> names)
    {
        foreach (var facts in FactsForMember(member))
        {
            if (names(facts).Contains(member.Name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A documented equivalent of <c>Dispose()</c> on a library type (<see cref="TypeFacts.ReleasingMembers"/>).</summary>
    public bool IsDocumentedRelease(IMethodSymbol method)
        => !method.IsStatic && method.Parameters.Length == 0
            && FactsFor(method.ContainingType, includeBases: true) is { } facts && facts.ReleasingMembers.Contains(method.Name);

    /// <summary>A wrapper whose own state is managed (see <see cref="TypeFacts.ManagedWrapper"/>).</summary>
    public bool IsManagedWrapper(ITypeSymbol type)
        => FactsFor(type, includeBases: false) is { ManagedWrapper: true };

    /// <summary>
    /// A call that releases its receiver: <c>Dispose</c>, <c>DisposeAsync</c>, <c>Close</c> (no
    /// parameters), or a method marked <c>[HandlesResourceDisposal]</c>.
    /// </summary>
    public static bool IsReleaseMethod(IMethodSymbol method)
    {
        if (method.IsStatic)
        {
            return false;
        }

        if (method.Parameters.Length == 0 && method.Name is "Dispose" or "DisposeAsync" or "Close")
        {
            return true;
        }

        if (method.Name is "Dispose" or "DisposeAsync" && method.Parameters.Length > 0 && !method.Parameters.Any(p => p.Type.TypeKind is TypeKind.Class or TypeKind.Interface && p.Type.SpecialType == SpecialType.None && p.Type.Name != "CancellationToken"))
        {
            // A teardown with options (DisposeAsync(IOBehavior, CancellationToken), Dispose(bool)) releases its receiver too.
            return true;
        }

        if (method.Name == "Close" && method.Parameters.All(p => p.Type.SpecialType is SpecialType.System_Boolean or SpecialType.System_Int32)
            && method.ContainingType?.GetMembers("Close").Any(m => m is IMethodSymbol { Parameters.Length: 0 }) != false)
        {
            // Close(bool), Close(int timeout): the overloads of a type's Close release it too.
            return true;
        }

        // Explicit implementations: IDisposable.Dispose, IAsyncDisposable.DisposeAsync.
        if (method.Parameters.Length == 0 && method.Name.EndsWith(".Dispose", System.StringComparison.Ordinal))
        {
            return true;
        }

        if (method.Parameters.Length == 0 && method.Name.EndsWith(".DisposeAsync", System.StringComparison.Ordinal))
        {
            return true;
        }

        return OwnershipAttributes.HandlesDisposal(method);
    }

    /// <summary>
    /// Calls whose result is the same resource as their receiver or argument: awaiting
    /// (<c>ConfigureAwait</c>, <c>GetAwaiter().GetResult()</c>, <c>AsTask</c>) and <c>Task.FromResult</c>.
    /// </summary>
    public bool IsIdentityMethod(IMethodSymbol method)
    {
        switch (method.Name)
        {
            case "ConfigureAwait":
            case "GetAwaiter":
            case "GetResult":
            case "AsTask":
            case "FromResult":
            case "WaitAsync":
                var ns = method.ContainingNamespace?.ToDisplayString();
                return ns is "System.Threading.Tasks" or "System.Runtime.CompilerServices";
            default:
                return false;
        }
    }
}
