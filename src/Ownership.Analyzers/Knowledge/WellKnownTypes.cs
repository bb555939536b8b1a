using Microsoft.CodeAnalysis;

namespace Ownership.Analyzers.Knowledge;

/// <summary>The framework types the model reasons about, resolved once per compilation.</summary>
internal sealed class WellKnownTypes
{
    private WellKnownTypes(Compilation compilation)
    {
        IDisposable = compilation.GetSpecialType(SpecialType.System_IDisposable);
        IAsyncDisposable = compilation.GetTypeByMetadataName("System.IAsyncDisposable");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        IEnumerable = compilation.GetSpecialType(SpecialType.System_Collections_IEnumerable);
        IEnumerableOfT = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
        IEnumeratorOfT = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerator_T);
        IAsyncEnumerableOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");
        ICollectionOfT = compilation.GetSpecialType(SpecialType.System_Collections_Generic_ICollection_T);
        Boolean = compilation.GetSpecialType(SpecialType.System_Boolean);
        ArrayPoolOfT = compilation.GetTypeByMetadataName("System.Buffers.ArrayPool`1");
        MemoryStream = compilation.GetTypeByMetadataName("System.IO.MemoryStream");
    }

    public INamedTypeSymbol IDisposable { get; }
    public INamedTypeSymbol? IAsyncDisposable { get; }
    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }
    public INamedTypeSymbol IEnumerable { get; }
    public INamedTypeSymbol IEnumerableOfT { get; }
    public INamedTypeSymbol IEnumeratorOfT { get; }
    public INamedTypeSymbol? IAsyncEnumerableOfT { get; }
    public INamedTypeSymbol ICollectionOfT { get; }
    public INamedTypeSymbol Boolean { get; }
    public INamedTypeSymbol? ArrayPoolOfT { get; }
    public INamedTypeSymbol? MemoryStream { get; }

    public static WellKnownTypes Create(Compilation compilation) => new(compilation);

    /// <summary><c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c>: the T; otherwise null.</summary>
    public ITypeSymbol? GetAwaitedResultType(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named)
        {
            var original = named.OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(original, TaskOfT) || SymbolEqualityComparer.Default.Equals(original, ValueTaskOfT))
            {
                return named.TypeArguments[0];
            }
        }

        return null;
    }

    public bool IsTaskLike(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        var original = named.OriginalDefinition;
        return SymbolEqualityComparer.Default.Equals(original, Task)
            || SymbolEqualityComparer.Default.Equals(original, TaskOfT)
            || SymbolEqualityComparer.Default.Equals(original, ValueTask)
            || SymbolEqualityComparer.Default.Equals(original, ValueTaskOfT);
    }
}
