using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model.Types;

namespace Ownership.Analyzers.Model.Roots;

/// <summary>
/// A timer a type owns whose callback roots the instance (DESIGN §1, roots; ownership-facts §5):
/// the <c>TimerCallback</c> of a <c>System.Threading.Timer</c>, an <c>Elapsed</c> handler of a
/// <c>System.Timers.Timer</c>, or a loop awaiting a <c>PeriodicTimer</c>, when it is an instance
/// method of the type or a lambda that uses <c>this</c>. Such a timer is found by the type rules
/// as an owned member; when the type never disposes nor stops it, the finding is OWN405's (the
/// timer keeps the instance alive and keeps calling it), and OWN201/OWN202 leave it to that rule.
/// </summary>
internal static class TimerRoots
{
    /// <summary>
    /// The member is an owned timer that roots this instance, and nothing in the type ever
    /// disposes or stops it. <paramref name="callback"/> says what roots the instance, for messages.
    /// </summary>
    public static bool IsNeverReleasedRootingTimer(MemberOwnership member, TypeOwnership ownership, RootKnowledge knowledge, out string callback)
    {
        callback = "";
        if (!ownership.Loses(member) || !HoldsTimer(member, knowledge))
        {
            return false;
        }

        string? found = null;
        foreach (var assignment in member.Assignments)
        {
            if (Unwrap(assignment.Value) is IObjectCreationOperation creation && knowledge.IsTimerType(creation.Type))
            {
                foreach (var argument in creation.Arguments)
                {
                    found ??= DescribeCallback(argument.Value);
                }
            }
        }

        foreach (var body in ownership.Bodies)
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IEventAssignmentOperation { Adds: true, EventReference: IEventReferenceOperation { Instance: var publisher } } add when IsMember(publisher, member):
                        found ??= DescribeCallback(add.HandlerValue);
                        break;
                    case IInvocationOperation { TargetMethod.Name: "WaitForNextTickAsync", Instance: var timer } when IsMember(timer, member):
                        found ??= "the loop awaiting 'WaitForNextTickAsync'";
                        break;
                    case IInvocationOperation stop when IsStop(stop, member):
                        // Stopped somewhere (Stop(), Change(Infinite…)): the type manages the timer's run.
                        return false;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Enabled" } enabled, Value.ConstantValue: { HasValue: true, Value: false } }
                        when IsMember(enabled.Instance, member):
                        return false;
                }
            }
        }

        callback = found ?? "";
        return found is not null;
    }

    private static bool HoldsTimer(MemberOwnership member, RootKnowledge knowledge)
    {
        if (knowledge.IsTimerType(member.Type))
        {
            return true;
        }

        foreach (var assignment in member.Assignments)
        {
            if (assignment.Origin == Origin.Created && knowledge.IsTimerType(Unwrap(assignment.Value)?.Type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"'OnTick'" for an instance method of this type, "a lambda that uses this instance"; null when the callback does not root the instance.</summary>
    private static string? DescribeCallback(IOperation value)
        => TypeRoots.Unwrap(value) switch
        {
            IMethodReferenceOperation { Method.IsStatic: false, Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } method => $"'{method.Method.Name}'",
            IAnonymousFunctionOperation lambda when TypeRoots.CapturesThis(lambda) => "a lambda that uses this instance",
            _ => null,
        };

    /// <summary><c>_timer</c> / <c>this._timer</c> / <c>_timer?.</c>: the member of this instance.</summary>
    private static bool IsMember(IOperation? operation, MemberOwnership member)
    {
        operation = Unwrap(operation);
        if (operation is IConditionalAccessInstanceOperation)
        {
            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IConditionalAccessOperation access)
                {
                    operation = Unwrap(access.Operation);
                    break;
                }
            }
        }

        return operation is IMemberReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } reference
            && (SymbolEqualityComparer.Default.Equals(reference.Member, member.Member)
                || reference.Member is IFieldSymbol { AssociatedSymbol: { } property } && SymbolEqualityComparer.Default.Equals(property, member.Member));
    }

    private static bool IsStop(IInvocationOperation invocation, MemberOwnership member)
        => IsMember(invocation.Instance, member)
            && (invocation.TargetMethod.Name == "Stop"
                || invocation.TargetMethod.Name == "Change" && invocation.Arguments.Length > 0 && IsInfinite(invocation.Arguments[0].Value));

    /// <summary><c>Timeout.Infinite</c> (-1) or <c>Timeout.InfiniteTimeSpan</c>: <c>Change</c> stops the timer.</summary>
    private static bool IsInfinite(IOperation dueTime)
    {
        dueTime = Unwrap(dueTime)!;
        return dueTime.ConstantValue is { HasValue: true, Value: -1 or -1L or -1u }
            || dueTime is IFieldReferenceOperation { Field.Name: "InfiniteTimeSpan" };
    }

    private static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }
}
