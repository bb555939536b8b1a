using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;

namespace Ownership.Analyzers.Model;

/// <summary>A resource an operation makes: its type and kind (and, for native memory, its allocator).</summary>
internal readonly record struct CreatedResource(ITypeSymbol Type, ResourceKind Kind, MemoryAllocator Allocator);

/// <summary>
/// The model's entry points for every kind of resource (DESIGN §1): disposable objects and the
/// resources that are not objects — rented arrays, native memory, GCHandles. Both go through the
/// same flow; only what creates and what releases them differs, and that is knowledge.
/// </summary>
internal sealed partial class OwnershipModel
{
    private HandleSummaries? _handleSummaries;

    /// <summary>Summaries of what source methods do with a rented array, pointer or GCHandle they are given.</summary>
    public HandleSummaries HandleSummaries => LazyInitializer.EnsureInitialized(ref _handleSummaries, () => new HandleSummaries(this))!;

    /// <summary>
    /// When <paramref name="operation"/> produces a resource its caller owns, of any kind: a
    /// disposable (see <see cref="GetCreatedResourceType"/>) or a handle from a factory of the
    /// curated table (<c>ArrayPool&lt;T&gt;.Rent</c>, <c>Marshal.AllocHGlobal</c>, <c>GCHandle.Alloc</c>, …).
    /// </summary>
    public CreatedResource? GetCreatedResource(IOperation operation, OwnershipOptions options)
    {
        if (GetCreatedResourceType(operation, options) is { } type)
        {
            return new CreatedResource(type, ResourceKind.Disposable, MemoryAllocator.None);
        }

        if (operation is IInvocationOperation invocation && GetHandleFactory(invocation) is { } factory)
        {
            return new CreatedResource(invocation.TargetMethod.ReturnType, factory.Kind, factory.Allocator);
        }

        return null;
    }

    /// <summary>The table entry for a call that makes a handle resource; null for anything else (and for half-typed calls).</summary>
    public HandleFactory? GetHandleFactory(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.ReturnsVoid || invocation.Type is null or { TypeKind: TypeKind.Error } || HasErrorTypeArguments(method.ContainingType))
        {
            return null;
        }

        return Knowledge.GetHandleFactory(method);
    }

    /// <summary><c>ArrayPool&lt;&gt;.Shared</c> or <c>ArrayPool&lt;Missing&gt;</c>: code being typed, not a resource yet.</summary>
    private static bool HasErrorTypeArguments(INamedTypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsUnboundGenericType)
            {
                return true;
            }

            foreach (var argument in current.TypeArguments)
            {
                // `ArrayPool<>` binds to ArrayPool<T> over its own T: user code cannot sit inside a metadata type.
                if (argument.TypeKind == TypeKind.Error
                    || (argument is ITypeParameterSymbol { DeclaringType: { } declaring } && current.DeclaringSyntaxReferences.IsEmpty
                        && SymbolEqualityComparer.Default.Equals(declaring, current.OriginalDefinition)))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
