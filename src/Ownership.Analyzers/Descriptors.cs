using Microsoft.CodeAnalysis;

namespace Ownership.Analyzers;

/// <summary>
/// All diagnostic descriptors, made by one factory so that every rule gets the same help-link
/// scheme, category convention and enabled-by-default behaviour.
/// </summary>
internal static class Descriptors
{
    /// <summary>Rule pages live in the repository; the help link opens the one for the id.</summary>
    public const string HelpLinkBase = "https://github.com/ownership-analyzers/ownership-analyzers/blob/main/docs/rules/";

    public static readonly DiagnosticDescriptor OWN101 = Create(
        RuleIdentifiers.DisposeCreatedResource,
        "Dispose created resource",
        "'{0}' is created here but not released {1}",
        RuleCategories.MethodOwnership,
        DiagnosticSeverity.Warning,
        "A resource created by this method must be released (disposed, or handed to a new owner) on every path that leaves the method. The message says which path loses it.");

    public static readonly DiagnosticDescriptor OWN102 = Create(
        RuleIdentifiers.CreatedResourceDiscarded,
        "Created resource is discarded",
        "'{0}' is created and then discarded: {1}",
        RuleCategories.MethodOwnership,
        DiagnosticSeverity.Warning,
        "A resource that is created and never stored, returned or handed to an owner can never be released. Keep it in a 'using' local.");

    public static readonly DiagnosticDescriptor OWN103 = Create(
        RuleIdentifiers.ReleaseNotInFinally,
        "Resource is not released when an exception is thrown",
        "'{0}' is released outside 'finally': when an exception leaves '{1}', it is never released",
        RuleCategories.MethodOwnership,
        DiagnosticSeverity.Info,
        "The resource is released on every normal path, but a call between its creation and its release can throw, and then the release is skipped. A 'using' releases it on exception paths too.");

    public static readonly DiagnosticDescriptor OWN104 = Create(
        RuleIdentifiers.LocalOverwrittenWhileOwning,
        "Local overwritten while it still owns a resource",
        "'{0}' is overwritten while it still owns '{1}', which is then never released",
        RuleCategories.MethodOwnership,
        DiagnosticSeverity.Warning,
        "Assigning a new value to a local that still holds a resource it owns loses the only reference to that resource. Release it before the assignment.");

    public static readonly DiagnosticDescriptor OWN105 = Create(
        RuleIdentifiers.AsyncDisposableDisposedSynchronously,
        "Async-disposable resource disposed synchronously in async code",
        "'{0}' implements IAsyncDisposable but is disposed synchronously in an async method; use 'await using' or 'await DisposeAsync()'",
        RuleCategories.MethodOwnership,
        DiagnosticSeverity.Info,
        "In async code, a resource that implements IAsyncDisposable should be released with DisposeAsync so that its asynchronous cleanup (flushes, network shutdown) does not block a thread.");

    public static readonly DiagnosticDescriptor OWN106 = Create(
        RuleIdentifiers.ResourceReturnedThroughNonDisposable,
        "Member returns a created resource through a non-disposable type, or a property creates one per get",
        "{0}",
        RuleCategories.MethodOwnership,
        DiagnosticSeverity.Info,
        "A caller cannot see that it must release a resource typed as a non-disposable type, and a property that creates a new resource on every get reads as a cheap accessor. Return a disposable type, or make it a method named Create/Open.");

    public static readonly DiagnosticDescriptor OWN201 = Create(
        RuleIdentifiers.OwningTypeNotDisposable,
        "Type owns disposable members but is not disposable",
        "'{0}' owns {1} but is not disposable, so nothing ever releases it",
        RuleCategories.TypeOwnership,
        DiagnosticSeverity.Warning,
        "A type that stores a resource it created is that resource's owner. If the type is not disposable, its users cannot release it, and the resource lives until the finalizer, if any.");

    public static readonly DiagnosticDescriptor OWN202 = Create(
        RuleIdentifiers.OwnedMemberNotReleased,
        "Owned member is not disposed in Dispose/DisposeAsync",
        "'{0}' owns '{1}' (created {2}) but does not release it when it is disposed",
        RuleCategories.TypeOwnership,
        DiagnosticSeverity.Warning,
        "A disposable type must release every resource it created and stored, in Dispose, Dispose(bool) or DisposeAsync (or a method they call).");

    public static readonly DiagnosticDescriptor OWN203 = Create(
        RuleIdentifiers.OwnedMemberOverwritten,
        "Owned member overwritten without releasing its previous value",
        "'{0}' overwrites '{1}', which still holds the resource created {2}; release it first",
        RuleCategories.TypeOwnership,
        DiagnosticSeverity.Warning,
        "Assigning a new resource to a member that holds one the type created loses the only reference to the old one, which is then never released.");

    public static readonly DiagnosticDescriptor OWN204 = Create(
        RuleIdentifiers.BorrowedResourceReleased,
        "Disposing a resource that is not owned",
        "'{0}' releases '{1}', which it does not own: it comes from {2}",
        RuleCategories.TypeOwnership,
        DiagnosticSeverity.Warning,
        "Releasing a value that belongs to someone else (a service from the container, another object's member, a shared or cached instance) breaks its real owner, which may still be using it.");

    public static readonly DiagnosticDescriptor OWN205 = Create(
        RuleIdentifiers.MemberOwnedAndBorrowed,
        "Member holds both owned and borrowed resources",
        "'{0}' stores in '{1}' both resources it creates and resources it is given, and releases it without knowing which",
        RuleCategories.TypeOwnership,
        DiagnosticSeverity.Warning,
        "When a member sometimes holds a created resource and sometimes a borrowed one, an unconditional release disposes what the type does not own. Keep an ownership flag (ownsX) and release only when it is set, or use two members.");

    public static readonly DiagnosticDescriptor OWN206 = Create(
        RuleIdentifiers.DisposeOverrideMissesBaseCall,
        "Dispose override does not call the base",
        "'{0}' overrides '{1}' but never calls 'base.{1}', so what the base type owns is never released",
        RuleCategories.TypeOwnership,
        DiagnosticSeverity.Warning,
        "An override of Dispose(bool), Dispose() or DisposeAsyncCore() replaces the base type's release; without the base call, the base's resources leak.");

    public static readonly DiagnosticDescriptor OWN207 = Create(
        RuleIdentifiers.DisposePatternMisuse,
        "Dispose pattern misuse",
        "'{0}' {1}",
        RuleCategories.TypeOwnership,
        DiagnosticSeverity.Info,
        "The dispose pattern wires Dispose(), Dispose(bool) and the finalizer together: Dispose() calls Dispose(true) and GC.SuppressFinalize(this), the finalizer calls Dispose(false), and Dispose(bool) releases managed members only when 'disposing' is true, because on the finalizer thread they may already be finalized.");

    public static readonly DiagnosticDescriptor OWN208 = Create(
        RuleIdentifiers.UnsealedWithoutVirtualDispose,
        "Disposable type is unsealed without a virtual Dispose(bool) / DisposeAsyncCore",
        "'{0}' is disposable and can be derived from, but a derived type cannot release its own resources: seal it or add 'protected virtual {1}'",
        RuleCategories.TypeOwnership,
        DiagnosticSeverity.Info,
        "A derived type of an unsealed disposable type has no way to hook its own release into Dispose unless the base offers a virtual Dispose(bool) (or DisposeAsyncCore for IAsyncDisposable).");

    public static readonly DiagnosticDescriptor OWN209 = Create(
        RuleIdentifiers.DisposeWithoutInterface,
        "Dispose() declared without implementing IDisposable",
        "'{0}' declares '{1}' but does not implement '{2}': containers and code that releases through the interface will never call it",
        RuleCategories.TypeOwnership,
        DiagnosticSeverity.Warning,
        "A public Dispose method on a type that does not implement IDisposable (or DisposeAsync without IAsyncDisposable) is invisible to using statements, DI containers and every owner that releases through the interface.");

    public static readonly DiagnosticDescriptor OWN303 = Create(
        RuleIdentifiers.EscapesUsingScope,
        "Resource escapes its using scope",
        "'{0}' is released when its 'using' scope ends, but {1} outlives it",
        RuleCategories.Lifetimes,
        DiagnosticSeverity.Warning,
        "A value that is returned, stored, or still running (an un-awaited task, a deferred query, a lambda) after the 'using' that owns its resource ends sees a disposed resource: ObjectDisposedException, or worse, on some paths and some timings only.");

    public static readonly DiagnosticDescriptor OWN501 = Create(
        RuleIdentifiers.RentedArrayNotReturned,
        "Rented array not returned to its pool on every path",
        "'{0}' is rented from '{1}' but {2}",
        RuleCategories.Pools,
        DiagnosticSeverity.Warning,
        "An array rented from an ArrayPool must be returned to the same pool on every path that leaves the method, or handed to a new owner. A pool that does not get its arrays back allocates new ones: the garbage pooling was meant to avoid comes back, and a custom pool may refuse arrays that are not its own.");

    public static readonly DiagnosticDescriptor OWN502 = Create(
        RuleIdentifiers.PooledArrayUsedAfterReturn,
        "Pooled array used after return, or returned twice",
        "'{0}' is {1} after it was returned to the pool",
        RuleCategories.Pools,
        DiagnosticSeverity.Warning,
        "Once an array is returned, the pool may hand it to another renter at any moment: reading or writing it afterwards reads or corrupts someone else's data, and returning it twice lets two renters share one array.");

    public static readonly DiagnosticDescriptor OWN503 = Create(
        RuleIdentifiers.UnmanagedMemoryNotFreed,
        "Unmanaged memory not freed on every path",
        "'{0}' is allocated by '{1}' but {2}",
        RuleCategories.Pools,
        DiagnosticSeverity.Warning,
        "Memory from Marshal.AllocHGlobal, Marshal.AllocCoTaskMem or NativeMemory.Alloc/AlignedAlloc is invisible to the garbage collector: it must be freed on every path that leaves the method, or handed to a new owner, and by the free of the allocator that made it.");

    public static readonly DiagnosticDescriptor OWN504 = Create(
        RuleIdentifiers.GCHandleNotFreed,
        "GCHandle not freed on every path",
        "'{0}' is allocated by 'GCHandle.Alloc' but {1}",
        RuleCategories.Pools,
        DiagnosticSeverity.Warning,
        "A GCHandle keeps its target alive, and a pinned one keeps it from moving (fragmenting the heap), until Free is called. Free it on every path that leaves the method, or hand it on (GCHandle.ToIntPtr).");

    public static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity defaultSeverity,
        string description,
        bool isEnabledByDefault = true)
        => new(
            id,
            title,
            messageFormat,
            category,
            defaultSeverity,
            isEnabledByDefault,
            description,
            helpLinkUri: HelpLinkBase + id + ".md");
}
