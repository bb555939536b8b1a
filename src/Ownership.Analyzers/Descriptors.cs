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

    public static readonly DiagnosticDescriptor OWN001 = new(
        RuleIdentifiers.InvalidOption,
        "Ownership option is unknown or names nothing",
        "Option '{0}' {1}",
        RuleCategories.Configuration,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An ownership.* option of .editorconfig or .globalconfig that the package does not know, or a name in it that the compilation does not have, teaches the model nothing: the option is ignored.",
        helpLinkUri: HelpLinkBase + RuleIdentifiers.InvalidOption + ".md",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor OWN002 = new(
        RuleIdentifiers.StaleBaselineEntry,
        "Baseline entry no longer matches the code",
        "Baseline entry {0} in '{1}' no longer matches the code: {2}; refresh the baseline with 'dotnet build -t:OwnershipBaseline'",
        RuleCategories.Configuration,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "An entry of ownership.baseline.json whose file, member or reported line is gone: the finding was fixed or the code changed, so the entry suppresses nothing. Refreshing the baseline drops it; the file only shrinks.",
        helpLinkUri: HelpLinkBase + RuleIdentifiers.StaleBaselineEntry + ".md",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor OWN101 = Create(
        RuleIdentifiers.DisposeCreatedResource,
        "Dispose created resource",
        "'{0}' is created here but not released {1}",
        RuleCategories.MethodOwnership,
        DiagnosticSeverity.Info,
        "A resource created by this method must be released (disposed, or handed to a new owner) on every path that leaves the method. The message says which path loses it.");

    public static readonly DiagnosticDescriptor OWN102 = Create(
        RuleIdentifiers.CreatedResourceDiscarded,
        "Created resource is discarded",
        "'{0}' is created and then discarded: {1}",
        RuleCategories.MethodOwnership,
        DiagnosticSeverity.Info,
        "A resource that is created and never stored, returned or handed to an owner can never be released. Keep it in a 'using' local.");

    public static readonly DiagnosticDescriptor OWN103 = Create(
        RuleIdentifiers.ReleaseNotInFinally,
        "Resource is not released when an exception is thrown",
        "'{0}' {2}: when an exception leaves '{1}', it is never released",
        RuleCategories.MethodOwnership,
        DiagnosticSeverity.Info,
        "The resource is released on every normal path, but a call between its creation and its release (or the start of the 'try' or 'using' that protects the release) can throw, and then the release is skipped. A 'using' declared where the resource is created releases it on exception paths too.");

    public static readonly DiagnosticDescriptor OWN104 = Create(
        RuleIdentifiers.LocalOverwrittenWhileOwning,
        "Local overwritten while it still owns a resource",
        "'{0}' is overwritten while it still owns '{1}', which is then never released",
        RuleCategories.MethodOwnership,
        DiagnosticSeverity.Info,
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
        DiagnosticSeverity.Info,
        "A type that stores a resource it created is that resource's owner. If the type is not disposable, its users cannot release it, and the resource lives until the finalizer, if any.");

    public static readonly DiagnosticDescriptor OWN202 = Create(
        RuleIdentifiers.OwnedMemberNotReleased,
        "Owned member is not disposed in Dispose/DisposeAsync",
        "'{0}' owns '{1}' (created {2}) but does not release it when it is disposed",
        RuleCategories.TypeOwnership,
        DiagnosticSeverity.Info,
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
        DiagnosticSeverity.Info,
        "Releasing a value that belongs to someone else (a service from the container, another object's member, a shared or cached instance) breaks its real owner, which may still be using it.");

    public static readonly DiagnosticDescriptor OWN205 = Create(
        RuleIdentifiers.MemberOwnedAndBorrowed,
        "Member holds both owned and borrowed resources",
        "'{0}' stores in '{1}' both resources it creates and resources it is given, and releases it without knowing which",
        RuleCategories.TypeOwnership,
        DiagnosticSeverity.Info,
        "When a member sometimes holds a created resource and sometimes a borrowed one, an unconditional release disposes what the type does not own. Keep an ownership flag (ownsX) and release only when it is set, or use two members.");

    public static readonly DiagnosticDescriptor OWN206 = Create(
        RuleIdentifiers.DisposeOverrideMissesBaseCall,
        "Dispose override does not call the base",
        "'{0}' overrides '{1}' but never calls 'base.{1}', which releases {2}",
        RuleCategories.TypeOwnership,
        DiagnosticSeverity.Info,
        "An override of Dispose(bool), Dispose() or DisposeAsyncCore() replaces the base type's release; without the base call, what the base releases leaks. Reported only when the base provably releases something.");

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
        DiagnosticSeverity.Info,
        "A public Dispose method on a type that does not implement IDisposable (or DisposeAsync without IAsyncDisposable) is invisible to using statements, DI containers and every owner that releases through the interface.");

    public static readonly DiagnosticDescriptor OWN301 = Create(
        RuleIdentifiers.UsedAfterRelease,
        "Resource used after it was disposed",
        "'{0}' is used after it was disposed {1}",
        RuleCategories.Lifetimes,
        DiagnosticSeverity.Info,
        "A member call, property read, enumeration or argument pass on a resource that is already disposed on every path that reaches it: by its own Dispose, by the end of its 'using' scope, by a method that disposes its argument, or by the wrapper that owned it. Most disposed objects throw ObjectDisposedException; some silently return stale or empty results.");

    public static readonly DiagnosticDescriptor OWN302 = Create(
        RuleIdentifiers.ReleasedTwice,
        "Resource disposed more than once",
        "'{0}' is disposed {1}",
        RuleCategories.Lifetimes,
        DiagnosticSeverity.Info,
        "A second explicit Dispose of a resource already disposed on every path that reaches it does nothing for a well-behaved type, and crashes or corrupts state for one whose Dispose is not idempotent. Either way it hides who owns the resource: remove the redundant release.");

    public static readonly DiagnosticDescriptor OWN303 = Create(
        RuleIdentifiers.EscapesUsingScope,
        "Resource escapes its using scope",
        "'{0}' is released when its 'using' scope ends, but {1} outlives it",
        RuleCategories.Lifetimes,
        DiagnosticSeverity.Info,
        "A value that is returned, stored, or still running (an un-awaited task, a deferred query, a lambda) after the 'using' that owns its resource ends sees a disposed resource: ObjectDisposedException, or worse, on some paths and some timings only.");

    public static readonly DiagnosticDescriptor OWN401 = Create(
        RuleIdentifiers.EventHandlerNeverUnsubscribed,
        "Event handler on a longer-lived publisher is never unsubscribed",
        "'{0}' subscribes this instance to {1} on a publisher that outlives it ({2}) and never unsubscribes",
        RuleCategories.Roots,
        DiagnosticSeverity.Info,
        "An event keeps a reference to every handler's target. When the publisher lives longer than the subscriber (a static event, a static member, an injected or handed-in object), the subscriber stays alive until the handler is removed. Remove it with '-=' where the subscriber is released (Dispose).");

    public static readonly DiagnosticDescriptor OWN402 = Create(
        RuleIdentifiers.AnonymousHandlerOnLongerLivedEvent,
        "Anonymous handler on a longer-lived event can never be unsubscribed",
        "An anonymous handler that captures this instance is added to {0} on a publisher that outlives it ({1}); it can never be removed, so the publisher keeps this instance alive",
        RuleCategories.Roots,
        DiagnosticSeverity.Info,
        "A lambda or anonymous method added to an event cannot be removed: '-=' with the same lambda text creates a different delegate. When it captures 'this' and the publisher outlives the instance, the instance can never be collected. Use a method (or keep the delegate in a field) and remove it in Dispose.");

    public static readonly DiagnosticDescriptor OWN403 = Create(
        RuleIdentifiers.UnsubscribingNewAnonymousDelegate,
        "Unsubscribing with a new anonymous delegate does nothing",
        "This removes a new anonymous function from '{0}', which was never added: the removal does nothing and the handler that was added stays subscribed",
        RuleCategories.Roots,
        DiagnosticSeverity.Warning,
        "Two delegates made from lambda expressions or anonymous methods are never equal, so '-=' with a lambda never finds the handler '+=' added. Keep the delegate (a method or a field) and remove that.");

    public static readonly DiagnosticDescriptor OWN404 = Create(
        RuleIdentifiers.SubscriptionTokenIgnored,
        "Subscription token ignored",
        "The subscription returned by '{0}' is dropped, and its source outlives this code ({1}): the callback and everything it captures stay rooted and can never be unsubscribed",
        RuleCategories.Roots,
        DiagnosticSeverity.Info,
        "IObservable<T>.Subscribe, CancellationToken.Register, IOptionsMonitor.OnChange, ChangeToken.OnChange and IChangeToken.RegisterChangeCallback return the only handle that can undo the subscription. Dropping it while the source lives on keeps the callback (and its captured state) alive. Keep it and dispose it where the subscriber is released.");

    public static readonly DiagnosticDescriptor OWN405 = Create(
        RuleIdentifiers.TimerRootsItsOwner,
        "Timer is never disposed and roots its callback target",
        "'{0}' owns the timer '{1}' and never disposes or stops it; its callback, {2}, keeps this instance alive: the timer keeps running, and keeps calling the instance, after its owner is done with it",
        RuleCategories.Roots,
        DiagnosticSeverity.Info,
        "A scheduled System.Threading.Timer, an enabled System.Timers.Timer and an awaited PeriodicTimer are rooted by the runtime's timer queue, and through their callback they root the object the callback belongs to. Until the timer is disposed (or stopped), neither is collected and the callback keeps running. Dispose the timer where its owner is released.");

    public static readonly DiagnosticDescriptor OWN406 = Create(
        RuleIdentifiers.StaticCollectionOnlyGrows,
        "Static collection only ever grows",
        "'{0}' is a static collection that is only ever added to: nothing is removed, cleared or replaced, so everything it holds stays alive for the life of the process",
        RuleCategories.Roots,
        DiagnosticSeverity.Info,
        "A static collection is a root: everything in it lives as long as the process. When code only adds to it, it grows with every new key, and holds every value (and what the values reference) forever. Bound it, remove entries when they are done, or hold values weakly (ConditionalWeakTable).");

    public static readonly DiagnosticDescriptor OWN407 = Create(
        RuleIdentifiers.LongLivedDelegateCapturesThis,
        "Long-lived delegate captures this",
        "A delegate that targets this instance is stored in '{0}', which outlives it ({1}): that reference keeps this instance alive until it is cleared",
        RuleCategories.Roots,
        DiagnosticSeverity.Info,
        "A delegate keeps its target alive. Storing a lambda that captures 'this', or an instance method, in a static member or in a member of an injected object roots this instance for as long as that place lives. Clear it when the instance is released, or store a delegate that does not capture the instance.");

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
        DiagnosticSeverity.Info,
        "Memory from Marshal.AllocHGlobal, Marshal.AllocCoTaskMem or NativeMemory.Alloc/AlignedAlloc is invisible to the garbage collector: it must be freed on every path that leaves the method, or handed to a new owner, and by the free of the allocator that made it.");

    public static readonly DiagnosticDescriptor OWN504 = Create(
        RuleIdentifiers.GCHandleNotFreed,
        "GCHandle not freed on every path",
        "'{0}' is allocated by 'GCHandle.Alloc' but {1}",
        RuleCategories.Pools,
        DiagnosticSeverity.Info,
        "A GCHandle keeps its target alive, and a pinned one keeps it from moving (fragmenting the heap), until Free is called. Free it on every path that leaves the method, or hand it on (GCHandle.ToIntPtr).");

    public static readonly DiagnosticDescriptor OWN601 = Create(
        RuleIdentifiers.OwnershipCycle,
        "Ownership cycle between types",
        "Ownership cycle: {0}; disposing any of them comes back to the first (endless recursion or a double release)",
        RuleCategories.Cycles,
        DiagnosticSeverity.Info,
        "Ownership between types must form a forest: when A's disposal releases B and B's releases A (directly or through a chain), disposal recurses until the stack overflows or releases objects twice, and a child that releases a parent shared by its siblings breaks them all. Release the back reference only under a disposed flag that is set first, or do not release it at all: the child borrows its parent.");

    public static readonly DiagnosticDescriptor OWN602 = Create(
        RuleIdentifiers.NativePeerStrongReference,
        "Native peer holds a strong reference to another native peer",
        "'{0}' holds native peer '{1}' strongly in '{2}': two Objective-C objects that reference each other are never released; hold it in a WeakReference<{1}>",
        RuleCategories.Cycles,
        DiagnosticSeverity.Warning,
        "Types derived from Foundation.NSObject are paired with reference-counted Objective-C objects. A strong reference from one peer to another (a child view to its controller, a cell to its table) closes a cycle through native code that the garbage collector cannot see through: neither object is ever freed. Keep the reference in a WeakReference<T>, or let only the parent reference the children it owns.");

    public static readonly DiagnosticDescriptor OWN603 = Create(
        RuleIdentifiers.NativePeerInstanceEvent,
        "Native peer exposes or subscribes to events with instance handlers",
        "{0}",
        RuleCategories.Cycles,
        DiagnosticSeverity.Warning,
        "An event keeps its handlers' targets alive. Between native peers (types derived from Foundation.NSObject), a peer that subscribes an instance method or a lambda capturing 'this' to another peer's event, or a peer that exposes a public field-like event to its parent, makes the two Objective-C objects reference each other: a cycle the garbage collector cannot break. Use a static handler, a weak event, or unsubscribe when the view goes away.");

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
