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
