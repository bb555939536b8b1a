using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model.Roots;

namespace Ownership.Analyzers.Model;

internal sealed partial class OwnershipModel
{
    private readonly ConcurrentDictionary<INamedTypeSymbol, Lazy<TypeRoots>> _roots = new(SymbolEqualityComparer.Default);

    /// <summary>The roots a source type creates (event subscriptions), read from its ownership; computed once per type.</summary>
    public TypeRoots GetTypeRoots(INamedTypeSymbol type, OwnershipOptions options)
        => _roots.GetOrAdd(type.OriginalDefinition, t => new Lazy<TypeRoots>(
            () => TypeRoots.Build(GetTypeOwnership(t, options), Knowledge.Roots),
            LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}
