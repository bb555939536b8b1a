namespace Ownership.Analyzers;

/// <summary>Every rule id of the package, in one place. The hundreds digit is the family.</summary>
public static class RuleIdentifiers
{
    // OWN0xx — the package's own configuration
    public const string InvalidOption = "OWN001";
    public const string StaleBaselineEntry = "OWN002";

    // OWN1xx — a method owns a resource
    public const string DisposeCreatedResource = "OWN101";
    public const string CreatedResourceDiscarded = "OWN102";
    public const string ReleaseNotInFinally = "OWN103";
    public const string LocalOverwrittenWhileOwning = "OWN104";
    public const string AsyncDisposableDisposedSynchronously = "OWN105";
    public const string ResourceReturnedThroughNonDisposable = "OWN106";

    // OWN3xx — a resource is used outside its lifetime
    public const string UsedAfterRelease = "OWN301";
    public const string ReleasedTwice = "OWN302";
    public const string EscapesUsingScope = "OWN303";

    // OWN2xx — a type owns resources
    public const string OwningTypeNotDisposable = "OWN201";
    public const string OwnedMemberNotReleased = "OWN202";
    public const string OwnedMemberOverwritten = "OWN203";
    public const string BorrowedResourceReleased = "OWN204";
    public const string MemberOwnedAndBorrowed = "OWN205";
    public const string DisposeOverrideMissesBaseCall = "OWN206";
    public const string DisposePatternMisuse = "OWN207";
    public const string UnsealedWithoutVirtualDispose = "OWN208";
    public const string DisposeWithoutInterface = "OWN209";

    // OWN4xx — a longer-lived object roots a shorter-lived one
    public const string EventHandlerNeverUnsubscribed = "OWN401";
    public const string AnonymousHandlerOnLongerLivedEvent = "OWN402";
    public const string UnsubscribingNewAnonymousDelegate = "OWN403";
    public const string SubscriptionTokenIgnored = "OWN404";
    public const string TimerRootsItsOwner = "OWN405";
    public const string StaticCollectionOnlyGrows = "OWN406";
    public const string LongLivedDelegateCapturesThis = "OWN407";

    // OWN5xx — pooled and unmanaged resources
    public const string RentedArrayNotReturned = "OWN501";
    public const string PooledArrayUsedAfterReturn = "OWN502";
    public const string UnmanagedMemoryNotFreed = "OWN503";
    public const string GCHandleNotFreed = "OWN504";

    // OWN6xx — cycles
    public const string OwnershipCycle = "OWN601";
    public const string NativePeerStrongReference = "OWN602";
    public const string NativePeerInstanceEvent = "OWN603";
}
