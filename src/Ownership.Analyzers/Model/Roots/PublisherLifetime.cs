using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model.Types;

namespace Ownership.Analyzers.Model.Roots;

/// <summary>What a root keeps alive: the subscribing instance, or what one method call captured (a Register callback).</summary>
internal enum RootedBy
{
    Instance,
    Method,
}

/// <summary>How long a publisher lives compared with the instance that subscribes to it (DESIGN §1, lifetimes).</summary>
internal enum Lifetime
{
    /// <summary>Nothing known: the root rules stay silent.</summary>
    Unknown,

    /// <summary>The subscriber itself (<c>this.Changed += …</c>): no root from outside.</summary>
    Self,

    /// <summary>Created by the subscriber and held in its member: it shares the instance's lifetime.</summary>
    Owned,

    /// <summary>Created in the method and not kept: it dies with the method.</summary>
    Local,

    /// <summary>Static, injected or handed in: it outlives the subscriber.</summary>
    Outlives,
}

/// <param name="Lifetime">The publisher's lifetime relative to the subscriber.</param>
/// <param name="Description">For <see cref="Lifetime.Outlives"/>: why, for messages ("a static event", "'_bus', handed in as 'bus'").</param>
/// <param name="IsStatic">A static event or member: it lives as long as the process.</param>
internal readonly record struct PublisherRoot(Lifetime Lifetime, string Description, bool IsStatic = false)
{
    public static readonly PublisherRoot Unknown = new(Lifetime.Unknown, "");

    public bool Outlives => Lifetime == Lifetime.Outlives;
}

/// <summary>
/// Reads a publisher expression (the instance of an event, the receiver of <c>Subscribe</c> or
/// <c>Register</c>) against the subscriber type's ownership: static members outlive everything,
/// members the type borrowed outlive it, members it created share its lifetime, locals die with
/// the method. Anything else is Unknown (treated as harmless: precision first).
/// </summary>
internal static class PublisherLifetime
{
    public static PublisherRoot OfEvent(IEventReferenceOperation reference, TypeOwnership subscriber, RootKnowledge knowledge)
        => reference.Event.IsStatic
            ? new PublisherRoot(Lifetime.Outlives, $"'{reference.Event.ContainingType.Name}.{reference.Event.Name}' is a static event", IsStatic: true)
            : Of(reference.Instance, subscriber, knowledge, RootedBy.Instance);

    /// <summary>
    /// The lifetime of the object <paramref name="publisher"/> evaluates to, looking through member
    /// chains to their root, compared with <paramref name="rooted"/>: a parameter outlives the
    /// method that receives it, but outlives the instance only when the constructor receives it
    /// (injected); a private helper's parameter may be an object its caller just created.
    /// </summary>
    public static PublisherRoot Of(IOperation? publisher, TypeOwnership subscriber, RootKnowledge knowledge, RootedBy rooted)
    {
        for (var depth = 0; depth < 8; depth++)
        {
            switch (publisher)
            {
                case null:
                    return PublisherRoot.Unknown;
                case IConversionOperation conversion:
                    publisher = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    publisher = parenthesized.Operand;
                    continue;
                case IInstanceReferenceOperation:
                    return new PublisherRoot(Lifetime.Self, "");
                case IObjectCreationOperation:
                    return new PublisherRoot(Lifetime.Local, "");
                case IMemberReferenceOperation { Member.IsStatic: true } staticMember:
                    return new PublisherRoot(Lifetime.Outlives, $"'{staticMember.Member.ContainingType.Name}.{staticMember.Member.Name}' is static", IsStatic: true);
                case IMemberReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } own:
                    return OfOwnMember(own.Member, subscriber);
                case IMemberReferenceOperation { Instance: { } instance }:
                    // `_session.Connection`, `cts.Token`: as long-lived as the object it is read from.
                    publisher = instance;
                    continue;
                case IInvocationOperation { TargetMethod.IsExtensionMethod: true, Arguments.Length: > 0 } extension
                    when knowledge.IsObservableOperator(extension.TargetMethod):
                    // `_bus.Events.Where(…)`: the operator chain subscribes to its first argument.
                    publisher = extension.Arguments[0].Value;
                    continue;
                case IParameterReferenceOperation parameter when !IsReassigned(parameter) && (rooted == RootedBy.Method || IsInjected(parameter.Parameter)):
                    return new PublisherRoot(Lifetime.Outlives, $"'{parameter.Parameter.Name}' is handed in by the caller");
                case ILocalReferenceOperation:
                    return new PublisherRoot(Lifetime.Local, "");
                default:
                    return PublisherRoot.Unknown;
            }
        }

        return PublisherRoot.Unknown;
    }

    /// <summary>A constructor parameter (of an ordinary or a primary constructor): a dependency handed to the instance.</summary>
    private static bool IsInjected(IParameterSymbol parameter)
        => parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor };

    /// <summary>
    /// The method assigns the parameter (<c>e ??= new SocketAsyncEventArgs()</c>, <c>ref</c>/<c>out</c>):
    /// the value may be one this method created, not one the caller handed in.
    /// </summary>
    private static bool IsReassigned(IParameterReferenceOperation reference)
    {
        if (reference.Parameter.RefKind is RefKind.Ref or RefKind.Out)
        {
            return true;
        }

        var root = (IOperation)reference;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        foreach (var operation in root.Descendants())
        {
            if (operation is IAssignmentOperation { Target: IParameterReferenceOperation target }
                && SymbolEqualityComparer.Default.Equals(target.Parameter, reference.Parameter))
            {
                return true;
            }
        }

        return false;
    }

    private static PublisherRoot OfOwnMember(ISymbol member, TypeOwnership subscriber)
    {
        foreach (var ownership in subscriber.AllMembers)
        {
            if (!SymbolEqualityComparer.Default.Equals(ownership.Member, member))
            {
                continue;
            }

            return OfAssignments(ownership);
        }

        return PublisherRoot.Unknown;
    }

    /// <summary>Created by the type on every assignment: owned; borrowed on every assignment: outlives; mixed or unknown: Unknown.</summary>
    private static PublisherRoot OfAssignments(MemberOwnership member)
    {
        var created = 0;
        var borrowed = 0;
        ISymbol? source = null;
        foreach (var assignment in member.Assignments)
        {
            if (assignment.Origin == Origin.Created || assignment.Value is IObjectCreationOperation or IConversionOperation { Operand: IObjectCreationOperation })
            {
                created++;
            }
            else if (assignment.Origin == Origin.Borrowed)
            {
                borrowed++;
                source ??= assignment.Source;
            }
            else
            {
                return PublisherRoot.Unknown;
            }
        }

        if (created > 0 && borrowed == 0)
        {
            return new PublisherRoot(Lifetime.Owned, "");
        }

        if (borrowed > 0 && created == 0)
        {
            var from = source switch
            {
                IParameterSymbol parameter => $"handed in as '{parameter.Name}'",
                null => "borrowed",
                _ => $"borrowed from '{source.Name}'",
            };
            return new PublisherRoot(Lifetime.Outlives, $"'{member.Member.Name}' is {from}");
        }

        return PublisherRoot.Unknown;
    }
}
