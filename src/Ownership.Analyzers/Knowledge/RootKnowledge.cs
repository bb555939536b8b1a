using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace Ownership.Analyzers.Knowledge;

/// <summary>The subscription APIs whose result is a token that keeps a callback rooted until it is disposed.</summary>
internal enum SubscriptionKind
{
    None,

    /// <summary><c>IObservable&lt;T&gt;.Subscribe</c> (and its extension overloads): the source holds the observer.</summary>
    ObservableSubscribe,

    /// <summary><c>CancellationToken.Register</c> / <c>UnsafeRegister</c>: the token's source holds the callback.</summary>
    TokenRegister,

    /// <summary><c>IOptionsMonitor&lt;T&gt;.OnChange</c>: the (singleton) monitor's event holds the listener.</summary>
    OptionsOnChange,

    /// <summary><c>ChangeToken.OnChange</c>: re-registers on every change, for as long as the change source lives.</summary>
    ChangeTokenOnChange,

    /// <summary><c>IChangeToken.RegisterChangeCallback</c>: the token holds the callback.</summary>
    ChangeCallback,
}

/// <summary>
/// Facts about roots (ownership-facts §5): which types publish callbacks (events, observables,
/// tokens, option monitors) and which calls return a subscription token. Types are resolved once
/// per compilation by metadata name; Microsoft.Extensions types are absent unless referenced.
/// </summary>
internal sealed class RootKnowledge
{
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _publishers = new(SymbolEqualityComparer.Default);

    private RootKnowledge(Compilation compilation)
    {
        IDisposable = compilation.GetSpecialType(SpecialType.System_IDisposable);
        IObservableOfT = compilation.GetTypeByMetadataName("System.IObservable`1");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        IOptionsMonitorOfT = compilation.GetTypeByMetadataName("Microsoft.Extensions.Options.IOptionsMonitor`1");
        OptionsMonitorExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.Options.OptionsMonitorExtensions");
        ChangeToken = compilation.GetTypeByMetadataName("Microsoft.Extensions.Primitives.ChangeToken");
        IChangeToken = compilation.GetTypeByMetadataName("Microsoft.Extensions.Primitives.IChangeToken");
        ThreadingTimer = compilation.GetTypeByMetadataName("System.Threading.Timer");
        TimersTimer = compilation.GetTypeByMetadataName("System.Timers.Timer");
        PeriodicTimer = compilation.GetTypeByMetadataName("System.Threading.PeriodicTimer");
    }

    public INamedTypeSymbol IDisposable { get; }
    public INamedTypeSymbol? IObservableOfT { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? IOptionsMonitorOfT { get; }
    public INamedTypeSymbol? OptionsMonitorExtensions { get; }
    public INamedTypeSymbol? ChangeToken { get; }
    public INamedTypeSymbol? IChangeToken { get; }

    /// <summary>
    /// The timer queue roots a scheduled <c>System.Threading.Timer</c>'s callback and state (and
    /// through them a timer held by the callback's target) until it is disposed or stopped.
    /// </summary>
    public INamedTypeSymbol? ThreadingTimer { get; }

    /// <summary>While enabled, a <c>System.Timers.Timer</c> and its <c>Elapsed</c> handlers are rooted; <c>Stop()</c> unroots them.</summary>
    public INamedTypeSymbol? TimersTimer { get; }

    /// <summary>While a <c>WaitForNextTickAsync</c> is in flight, the timer roots the awaiting loop.</summary>
    public INamedTypeSymbol? PeriodicTimer { get; }

    public static RootKnowledge Create(Compilation compilation) => new(compilation);

    /// <summary>One of the timers whose callback the runtime keeps alive while it runs (ownership-facts §5).</summary>
    public bool IsTimerType(ITypeSymbol? type)
        => type is not null
            && (SymbolEqualityComparer.Default.Equals(type, ThreadingTimer)
                || SymbolEqualityComparer.Default.Equals(type, TimersTimer)
                || SymbolEqualityComparer.Default.Equals(type, PeriodicTimer));

    /// <summary>A value of this type can hold callbacks of others: it declares events or callback slots, or it is an observable, a token, an options monitor.</summary>
    public bool IsPublisherType(ITypeSymbol type)
        => type.TypeKind != TypeKind.Error && _publishers.GetOrAdd(type, ComputeIsPublisher);

    private bool ComputeIsPublisher(ITypeSymbol type)
    {
        if (IsOrImplements(type, IObservableOfT) || IsOrImplements(type, IOptionsMonitorOfT) || IsOrImplements(type, IChangeToken)
            || SymbolEqualityComparer.Default.Equals(type, CancellationToken))
        {
            return true;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (HasEvents(current))
            {
                return true;
            }
        }

        foreach (var @interface in type.AllInterfaces)
        {
            if (HasEvents(@interface))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasEvents(ITypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            // Events, and callback slots: delegate-typed instance fields and settable properties.
            if (member is IEventSymbol { IsStatic: false }
                || member is IFieldSymbol { IsStatic: false, Type.TypeKind: TypeKind.Delegate }
                || member is IPropertySymbol { IsStatic: false, SetMethod: not null, Type.TypeKind: TypeKind.Delegate })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Which subscription API <paramref name="method"/> is, if any.</summary>
    public SubscriptionKind GetSubscriptionKind(IMethodSymbol method)
    {
        var target = method.ReducedFrom ?? method;
        var containing = target.ContainingType?.OriginalDefinition;
        if (containing is null)
        {
            return SubscriptionKind.None;
        }

        switch (target.Name)
        {
            case "Register" or "UnsafeRegister" when SymbolEqualityComparer.Default.Equals(containing, CancellationToken):
                return SubscriptionKind.TokenRegister;
            case "OnChange" when SymbolEqualityComparer.Default.Equals(containing, ChangeToken):
                return SubscriptionKind.ChangeTokenOnChange;
            case "OnChange" when SymbolEqualityComparer.Default.Equals(containing, IOptionsMonitorOfT)
                || (SymbolEqualityComparer.Default.Equals(containing, OptionsMonitorExtensions) && FirstParameterIs(target, IOptionsMonitorOfT)):
                return SubscriptionKind.OptionsOnChange;
            case "RegisterChangeCallback" when IsOrImplements(containing, IChangeToken):
                return SubscriptionKind.ChangeCallback;
            case "Subscribe" when ReturnsDisposable(target)
                && (target.IsExtensionMethod ? FirstParameterIs(target, IObservableOfT) : !target.IsStatic && IsOrImplements(containing, IObservableOfT)):
                return SubscriptionKind.ObservableSubscribe;
            default:
                return SubscriptionKind.None;
        }
    }

    /// <summary>An operator over an observable (<c>Where</c>, <c>Select</c>…): an extension that takes and returns <c>IObservable&lt;T&gt;</c>.</summary>
    public bool IsObservableOperator(IMethodSymbol method)
    {
        var target = method.ReducedFrom ?? method;
        return target.IsExtensionMethod && FirstParameterIs(target, IObservableOfT) && IsOrImplements(target.ReturnType, IObservableOfT);
    }

    private bool ReturnsDisposable(IMethodSymbol method)
        => SymbolEqualityComparer.Default.Equals(method.ReturnType, IDisposable);

    private static bool FirstParameterIs(IMethodSymbol method, INamedTypeSymbol? type)
        => type is not null && method.Parameters.Length > 0 && IsOrImplements(method.Parameters[0].Type, type);

    private static bool IsOrImplements(ITypeSymbol type, INamedTypeSymbol? @interface)
    {
        if (@interface is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, @interface))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, @interface))
            {
                return true;
            }
        }

        return false;
    }
}
