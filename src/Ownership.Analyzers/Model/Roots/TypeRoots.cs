using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model.Types;

namespace Ownership.Analyzers.Model.Roots;

/// <summary>
/// The roots a type creates (DESIGN §1, lifetimes): every event subscription in its bodies, what
/// the handler roots, how long the publisher lives, and whether the type ever undoes it. Read from
/// the type's <see cref="TypeOwnership"/>, so "owned" and "borrowed" mean what the type rules say.
/// </summary>
internal sealed class TypeRoots
{
    private TypeRoots(TypeOwnership ownership, ImmutableArray<EventSubscription> subscriptions)
    {
        Ownership = ownership;
        Subscriptions = subscriptions;
    }

    public TypeOwnership Ownership { get; }

    public ImmutableArray<EventSubscription> Subscriptions { get; }

    public static TypeRoots Build(TypeOwnership ownership, RootKnowledge knowledge)
    {
        if (ownership.HasErrors || ownership.Type is not { TypeKind: TypeKind.Class, IsStatic: false })
        {
            return new TypeRoots(ownership, ImmutableArray<EventSubscription>.Empty);
        }

        var adds = new List<IEventAssignmentOperation>();
        var removed = new HashSet<(IEventSymbol, IMethodSymbol)>(EventHandlerComparer.Instance);
        foreach (var body in ownership.Bodies)
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is not IEventAssignmentOperation { EventReference: IEventReferenceOperation reference } assignment)
                {
                    continue;
                }

                if (assignment.Adds)
                {
                    adds.Add(assignment);
                }
                else if (HandlerMethodOf(assignment.HandlerValue) is { } method)
                {
                    removed.Add((reference.Event.OriginalDefinition, method.OriginalDefinition));
                }
            }
        }

        var subscriptions = ImmutableArray.CreateBuilder<EventSubscription>(adds.Count);
        foreach (var add in adds)
        {
            var reference = (IEventReferenceOperation)add.EventReference!;
            var (kind, handler) = Classify(add.HandlerValue);
            if (kind == HandlerKind.Other)
            {
                continue;
            }

            var undone = handler is not null && removed.Contains((reference.Event.OriginalDefinition, handler.OriginalDefinition));
            subscriptions.Add(new EventSubscription(add, reference.Event, kind, handler, PublisherLifetime.OfEvent(reference, ownership, knowledge), undone));
        }

        return new TypeRoots(ownership, subscriptions.ToImmutable());
    }

    private static (HandlerKind Kind, IMethodSymbol? Handler) Classify(IOperation handler)
    {
        switch (Unwrap(handler))
        {
            case IMethodReferenceOperation { Method.IsStatic: false, Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } method:
                return (HandlerKind.InstanceMethod, method.Method);
            case IAnonymousFunctionOperation lambda when CapturesThis(lambda):
                return (HandlerKind.AnonymousCapturingThis, null);
            default:
                return (HandlerKind.Other, null);
        }
    }

    /// <summary>The method a removed handler stands for: <c>OnTick</c>, <c>this.OnTick</c>, <c>new EventHandler(OnTick)</c>.</summary>
    private static IMethodSymbol? HandlerMethodOf(IOperation handler)
        => Unwrap(handler) is IMethodReferenceOperation method ? method.Method : null;

    /// <summary>Strips conversions and delegate creations down to the method reference or the lambda.</summary>
    internal static IOperation? Unwrap(IOperation? handler)
    {
        while (true)
        {
            switch (handler)
            {
                case IConversionOperation conversion:
                    handler = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    handler = parenthesized.Operand;
                    continue;
                case IDelegateCreationOperation creation:
                    handler = creation.Target;
                    continue;
                default:
                    return handler;
            }
        }
    }

    /// <summary>The lambda reads <c>this</c> (a member of the instance, explicitly or implicitly).</summary>
    internal static bool CapturesThis(IOperation lambda)
    {
        foreach (var operation in lambda.Descendants())
        {
            if (operation is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance })
            {
                return true;
            }
        }

        return false;
    }

    private sealed class EventHandlerComparer : IEqualityComparer<(IEventSymbol Event, IMethodSymbol Handler)>
    {
        public static readonly EventHandlerComparer Instance = new();

        public bool Equals((IEventSymbol Event, IMethodSymbol Handler) x, (IEventSymbol Event, IMethodSymbol Handler) y)
            => SymbolEqualityComparer.Default.Equals(x.Event, y.Event) && SymbolEqualityComparer.Default.Equals(x.Handler, y.Handler);

        public int GetHashCode((IEventSymbol Event, IMethodSymbol Handler) obj)
            => (SymbolEqualityComparer.Default.GetHashCode(obj.Event) * 397) ^ SymbolEqualityComparer.Default.GetHashCode(obj.Handler);
    }
}
