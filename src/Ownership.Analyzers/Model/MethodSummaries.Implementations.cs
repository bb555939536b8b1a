using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Ownership.Analyzers.Model;

/// <summary>
/// Calls through an interface or an abstract method of this compilation: what the implementations
/// the compilation declares do with an argument. One that takes it means the caller may have handed
/// it on (precision first: taken); when every implementation only uses it and no other assembly
/// can implement the member, it is kept. Otherwise nothing is known.
/// </summary>
internal sealed partial class MethodSummaries
{
    private const int MaxImplementations = 16;

    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> _implementations = new(SymbolEqualityComparer.Default);
    private ImmutableArray<INamedTypeSymbol> _sourceTypes;

    private ParameterFate? ImplementationsFate(IMethodSymbol method, int ordinal, int depth)
    {
        var implementations = _implementations.GetOrAdd(method, FindImplementations);
        if (implementations.IsDefaultOrEmpty)
        {
            return null;
        }

        var kept = true;
        foreach (var implementation in implementations)
        {
            switch (GetParameterFate(implementation, implementation.Parameters[ordinal], depth - 1))
            {
                case ParameterFate.Taken:
                    return ParameterFate.Taken;
                case ParameterFate.Returned or ParameterFate.MayBeReturned:
                    // Through an interface the caller cannot know which implementation runs: at most an assumption.
                    return ParameterFate.MayBeReturned;
                case null:
                    kept = false;
                    break;
            }
        }

        return kept && !Types.TypeHierarchy.IsVisibleOutside(method.ContainingType) ? ParameterFate.Kept : null;
    }

    /// <summary>The source methods that implement or override <paramref name="method"/> (at most a few: a wide hierarchy is not summarized).</summary>
    private ImmutableArray<IMethodSymbol> FindImplementations(IMethodSymbol method)
    {
        var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
        var declaring = method.ContainingType;
        foreach (var type in SourceTypes())
        {
            if (type.IsAbstract && type.TypeKind != TypeKind.Class || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                continue;
            }

            IMethodSymbol? implementation = null;
            if (declaring.TypeKind == TypeKind.Interface)
            {
                if (type.AllInterfaces.Contains(declaring, SymbolEqualityComparer.Default))
                {
                    implementation = type.FindImplementationForInterfaceMember(method) as IMethodSymbol;
                }
            }
            else if (DerivesFrom(type, declaring))
            {
                implementation = OverrideIn(type, method);
            }

            if (implementation is { IsAbstract: false } && !builder.Contains(implementation.OriginalDefinition, SymbolEqualityComparer.Default))
            {
                builder.Add(implementation.OriginalDefinition);
                if (builder.Count > MaxImplementations)
                {
                    return ImmutableArray<IMethodSymbol>.Empty;
                }
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>A base type of <paramref name="type"/>, however far up, is <paramref name="base"/>.</summary>
    internal static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol @base)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, @base.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    private static IMethodSymbol? OverrideIn(INamedTypeSymbol type, IMethodSymbol method)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(method.Name))
            {
                for (var overridden = (member as IMethodSymbol)?.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                {
                    if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, method))
                    {
                        return (IMethodSymbol)member;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Every type declared in this compilation's source, listed once.</summary>
    internal ImmutableArray<INamedTypeSymbol> SourceTypes()
    {
        if (_sourceTypes.IsDefault)
        {
            var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(_model.Compilation.Assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                foreach (var member in pending.Pop().GetMembers())
                {
                    if (member is INamedTypeSymbol type)
                    {
                        builder.Add(type);
                        pending.Push(type);
                    }
                    else if (member is INamespaceSymbol ns)
                    {
                        pending.Push(ns);
                    }
                }
            }

            ImmutableInterlocked.InterlockedInitialize(ref _sourceTypes, builder.ToImmutable());
        }

        return _sourceTypes;
    }
}
