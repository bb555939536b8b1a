using System.Collections.Immutable;

namespace Ownership.Analyzers.Knowledge;

/// <summary>How a constructor's resource arguments are handed to the new object.</summary>
/// <param name="Transfers">Whether resource arguments become owned by the new object at all.</param>
/// <param name="FlagParameter">A bool parameter that decides it (<c>leaveOpen</c>, <c>disposeHandler</c>, …), or null.</param>
/// <param name="TransfersWhenFlagIs">The flag value under which ownership moves.</param>
/// <param name="FlagDefault">The value the overloads without the flag pass.</param>
/// <param name="NotOwnedParameters">Resource parameters that are never owned (<c>CryptoStream</c>'s transform).</param>
internal sealed record ConstructorOwnership(
    bool Transfers,
    string? FlagParameter = null,
    bool TransfersWhenFlagIs = false,
    bool FlagDefault = false,
    ImmutableArray<string> NotOwnedParameters = default)
{
    public static readonly ConstructorOwnership Always = new(Transfers: true);
    public static readonly ConstructorOwnership Never = new(Transfers: false);

    public static ConstructorOwnership UnlessLeaveOpen(string flag = "leaveOpen", params string[] notOwned)
        => new(true, flag, TransfersWhenFlagIs: false, FlagDefault: false, NotOwnedParameters: notOwned.ToImmutableArray());

    public static ConstructorOwnership WhenFlag(string flag, bool defaultValue)
        => new(true, flag, TransfersWhenFlagIs: true, FlagDefault: defaultValue);
}

/// <summary>Everything the curated table knows about one type. Each entry carries its reason.</summary>
internal sealed class TypeFacts
{
    public TypeFacts(string metadataName, string reason)
    {
        MetadataName = metadataName;
        Reason = reason;
    }

    public string MetadataName { get; }

    /// <summary>One line: why the entry is true (see the source list in docs/knowledge.md).</summary>
    public string Reason { get; }

    /// <summary>Disposing an instance releases nothing that matters: not tracked by default.</summary>
    public bool NoDisposalNeeded { get; init; }

    /// <summary>With <see cref="NoDisposalNeeded"/>: only values whose static type is exactly this type.</summary>
    public bool ExactTypeOnly { get; init; }

    /// <summary>Not tracked when created by a constructor with no arguments (a CTS without timer or links).</summary>
    public bool NoDisposalNeededWhenConstructedWithoutArguments { get; init; }

    /// <summary>Not tracked when constructed without taking its argument (a reader with <c>leaveOpen: true</c>).</summary>
    public bool NoDisposalNeededWhenNotOwning { get; init; }

    /// <summary>
    /// A wrapper whose own state is managed (buffers only): built over a borrowed value, releasing
    /// it would only release what this code does not own, so it is not tracked then.
    /// </summary>
    public bool ManagedWrapper { get; init; }

    /// <summary>
    /// The type's own Dispose(bool) releases nothing (an abstract base like Stream): an override
    /// that does not call it loses nothing.
    /// </summary>
    public bool BaseDisposeIsEmpty { get; init; }

    /// <summary>
    /// What the type's own Dispose(bool) (and Dispose/Close/DisposeAsync) releases, in words for
    /// messages ("its file handle"): an override that skips the base call loses it (OWN206).
    /// Null when the table knows of nothing; a metadata base without this fact is not reported.
    /// </summary>
    public string? DisposeReleases { get; init; }

    /// <summary>
    /// The type's own <c>DisposeAsync()</c> only calls the synchronous <c>Dispose()</c> (the
    /// default of <c>Stream</c>, <c>DbConnection</c>, <c>DbDataReader</c>…): a type that inherits it
    /// unchanged gains nothing from <c>await using</c> (OWN105).
    /// </summary>
    public bool DisposeAsyncOnlyCallsDispose { get; init; }

    /// <summary>Members whose result is a view of the receiver itself (<c>MemoryManager&lt;T&gt;.Memory</c>): it stands for the receiver.</summary>
    public ImmutableHashSet<string> AliasingMembers { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>Methods (and property getters) whose result the caller owns.</summary>
    public ImmutableHashSet<string> CreatingMembers { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>Methods and properties whose result someone else owns, even when the member's name suggests otherwise.</summary>
    public ImmutableHashSet<string> BorrowedMembers { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>
    /// Creating members whose result releases nothing but the resources it was given: when the
    /// call keeps every resource argument with the caller (<c>XmlReader.Create(stream)</c> without
    /// settings), the result needs no release.
    /// </summary>
    public ImmutableHashSet<string> HarmlessWhenArgumentsKept { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>
    /// Creating members whose result holds no OS resource yet: it binds one lazily, only when a
    /// member outside <see cref="UsesThatOpenNothing"/> is used (<c>Process.GetCurrentProcess()</c>
    /// stores only an id until its <c>SafeHandle</c> is read or its exit is waited for).
    /// </summary>
    public ImmutableHashSet<string> UnopenedCreatingMembers { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>
    /// With <see cref="UnopenedCreatingMembers"/>: members that read or act without leaving the
    /// instance holding anything (a handle they need is opened and closed inside the call).
    /// </summary>
    public ImmutableHashSet<string> UsesThatOpenNothing { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>Methods whose resource arguments the receiver or result takes over.</summary>
    public ImmutableHashSet<string> OwningMethods { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>Methods whose resource arguments stay with the caller even though a resource is returned.</summary>
    public ImmutableHashSet<string> NonOwningMethods { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>
    /// With <see cref="NonOwningMethods"/>: a parameter (a settings object such as
    /// <c>XmlReaderSettings.CloseInput</c>) that may hand the arguments over after all; when it
    /// is passed, ownership is unknown and the model stays silent.
    /// </summary>
    public string? OwnershipDecidedByParameter { get; init; }

    /// <summary>How constructors treat resource arguments; null = the default (they take ownership).</summary>
    public ConstructorOwnership? Constructors { get; init; }

    /// <summary>Members that make a resource that is not a disposable object (a rented array, native memory, a GCHandle).</summary>
    public ImmutableDictionary<string, HandleFactory> HandleFactories { get; init; } = ImmutableDictionary<string, HandleFactory>.Empty;

    /// <summary>Methods that release such a resource, given as an argument or as the receiver.</summary>
    public ImmutableDictionary<string, HandleRelease> HandleReleases { get; init; } = ImmutableDictionary<string, HandleRelease>.Empty;

    /// <summary>
    /// Parameterless instance methods that release the object as its <c>Dispose()</c> does, because
    /// <c>Dispose()</c> only calls them (<c>TcpListener.Stop</c>).
    /// </summary>
    public ImmutableHashSet<string> ReleasingMembers { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>Methods whose result is a copy: it holds nothing of the receiver or the arguments (<c>span.ToArray()</c>).</summary>
    public ImmutableHashSet<string> CopyingMembers { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>Static fields that stand for "no resource", as null does for an object (<c>IntPtr.Zero</c>).</summary>
    public ImmutableHashSet<string> NoResourceMembers { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>Properties that are false exactly when the value holds no resource (<c>GCHandle.IsAllocated</c>).</summary>
    public ImmutableHashSet<string> HoldsResourceMembers { get; init; } = ImmutableHashSet<string>.Empty;
}
