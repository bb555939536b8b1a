using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ownership.Analyzers.Model.Roots;

/// <summary>What an event handler roots.</summary>
internal enum HandlerKind
{
    /// <summary>A static method, a delegate held elsewhere, another object's method: not this instance, or unknown.</summary>
    Other,

    /// <summary>An instance method of the subscriber (<c>OnTick</c>, <c>this.OnTick</c>): removable with <c>-=</c>.</summary>
    InstanceMethod,

    /// <summary>A lambda or anonymous method that captures <c>this</c>: it can never be removed.</summary>
    AnonymousCapturingThis,
}

/// <summary>One <c>publisher.Event += handler</c> in a type, read against the type's ownership.</summary>
/// <param name="Operation">The <c>+=</c>.</param>
/// <param name="Event">The event.</param>
/// <param name="Kind">What the handler roots.</param>
/// <param name="Handler">For <see cref="HandlerKind.InstanceMethod"/>: the method.</param>
/// <param name="Publisher">How long the publisher lives compared with the subscriber.</param>
/// <param name="IsUndone">The type removes the same handler from the same event somewhere (Dispose, Stop, a detach hook, a setter).</param>
internal sealed record EventSubscription(
    IEventAssignmentOperation Operation,
    IEventSymbol Event,
    HandlerKind Kind,
    IMethodSymbol? Handler,
    PublisherRoot Publisher,
    bool IsUndone);
