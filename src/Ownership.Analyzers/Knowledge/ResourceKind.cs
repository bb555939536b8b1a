namespace Ownership.Analyzers.Knowledge;

/// <summary>
/// What kind of thing a resource is, which decides how it is released (DESIGN §1 "Resource"):
/// the same origin, transfer and flow rules apply to every kind; only the release differs.
/// </summary>
internal enum ResourceKind
{
    /// <summary>An <c>IDisposable</c> / <c>IAsyncDisposable</c> object: released by <c>Dispose</c>, <c>using</c>.</summary>
    Disposable,

    /// <summary>An array rented from an <c>ArrayPool&lt;T&gt;</c>: released by <c>Return</c> to that pool.</summary>
    PooledArray,

    /// <summary>Native memory (<c>Marshal.Alloc*</c>, <c>NativeMemory.*Alloc</c>): released by the free of its allocator.</summary>
    UnmanagedMemory,

    /// <summary>A <c>GCHandle</c>: released by <c>Free()</c>.</summary>
    GCHandle,
}

/// <summary>The allocator family of unmanaged memory: memory must go back to the allocator that made it.</summary>
internal enum MemoryAllocator
{
    None,

    /// <summary><c>Marshal.AllocHGlobal</c>, <c>StringToHGlobal*</c>; freed by <c>Marshal.FreeHGlobal</c>.</summary>
    HGlobal,

    /// <summary><c>Marshal.AllocCoTaskMem</c>, <c>StringToCoTaskMem*</c>; freed by <c>Marshal.FreeCoTaskMem</c>.</summary>
    CoTaskMem,

    /// <summary><c>NativeMemory.Alloc</c>, <c>AllocZeroed</c>, <c>Realloc</c>; freed by <c>NativeMemory.Free</c>.</summary>
    NativeMemory,

    /// <summary><c>NativeMemory.AlignedAlloc</c>, <c>AlignedRealloc</c>; freed by <c>NativeMemory.AlignedFree</c>.</summary>
    NativeMemoryAligned,
}

/// <summary>A member that makes a resource that is not a disposable object (a curated table entry).</summary>
/// <param name="Kind">What it makes.</param>
/// <param name="Allocator">For unmanaged memory, the allocator family.</param>
/// <param name="ReleaseMethod">The method that releases it: a static of the same type taking it, or (<paramref name="ReleasedOnValue"/>) an instance method of the value.</param>
/// <param name="ReleasedOnValue">True when the release is called on the value itself (<c>handle.Free()</c>).</param>
internal sealed record HandleFactory(ResourceKind Kind, MemoryAllocator Allocator, string ReleaseMethod, bool ReleasedOnValue = false);

/// <summary>A method that releases a resource that is not a disposable object (a curated table entry).</summary>
/// <param name="Kind">What it releases; it releases nothing of another kind.</param>
/// <param name="Allocator">For unmanaged memory, the allocator family it frees.</param>
/// <param name="Parameter">The parameter that receives the resource; null when it is the receiver (<c>handle.Free()</c>).</param>
internal sealed record HandleRelease(ResourceKind Kind, MemoryAllocator Allocator, string? Parameter);
