using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ownership.Analyzers.Knowledge;

/// <summary>What a call does with ownership, by the facts in the order of DESIGN §1: who owns what a member returns, and whether an argument is handed to the callee.</summary>
internal sealed partial class OwnershipKnowledge
{
    /// <summary>Whether the caller owns what <paramref name="member"/> (a method or property) returns.</summary>
    public ReturnOwnership GetReturnOwnership(ISymbol member, OwnershipOptions options)
    {
        // DESIGN §1 order: attributes, then options, then the table.
        var attributeTarget = member is IMethodSymbol { AssociatedSymbol: IPropertySymbol property } ? property : member;
        if (OwnershipAttributes.MustDispose(attributeTarget) is bool mustDispose)
        {
            return mustDispose ? ReturnOwnership.Created : ReturnOwnership.Borrowed;
        }

        if (!options.IsEmpty)
        {
            var name = OwnershipOptions.NameOf(member);
            if (options.FactoryMethods.Contains(name))
            {
                return ReturnOwnership.Created;
            }

            if (options.BorrowedReturnMethods.Contains(name))
            {
                return ReturnOwnership.Borrowed;
            }
        }

        var name2 = attributeTarget.Name;
        foreach (var facts in FactsForMember(attributeTarget))
        {
            if (facts.BorrowedMembers.Contains(name2))
            {
                return ReturnOwnership.Borrowed;
            }

            if (facts.CreatingMembers.Contains(name2))
            {
                return ReturnOwnership.Created;
            }
        }

        return ReturnOwnership.Unknown;
    }

    /// <summary>What <paramref name="method"/> does with the resource passed as <paramref name="argument"/>.</summary>
    public ArgumentFate GetArgumentFate(IMethodSymbol method, IArgumentOperation argument, ImmutableArray<IArgumentOperation> arguments, OwnershipOptions options)
    {
        var parameter = argument.Parameter;
        if (parameter is not null && OwnershipAttributes.HandlesDisposal(parameter))
        {
            return ArgumentFate.Transferred;
        }

        if (!options.IsEmpty)
        {
            var name = method.MethodKind == MethodKind.Constructor
                ? OwnershipOptions.NameOf(method.ContainingType) + "..ctor"
                : OwnershipOptions.NameOf(method);
            if (options.TransferMethods.Contains(name))
            {
                return ArgumentFate.Transferred;
            }
        }

        if (method.MethodKind == MethodKind.Constructor)
        {
            var facts = FactsFor(method.ContainingType, includeBases: true);
            if (facts?.Constructors is { } ctor)
            {
                if (parameter is not null && !ctor.NotOwnedParameters.IsDefaultOrEmpty && ctor.NotOwnedParameters.Contains(parameter.Name))
                {
                    return ArgumentFate.Kept;
                }

                return ConstructorTransfers(ctor, arguments) ? ArgumentFate.Transferred : ArgumentFate.Kept;
            }

            return FateByOwnershipFlag(arguments);
        }

        var target = method.ReducedFrom ?? method;
        foreach (var facts in FactsForMember(target))
        {
            if (facts.OwningMethods.Contains(target.Name))
            {
                return ArgumentFate.Transferred;
            }

            if (facts.NonOwningMethods.Contains(target.Name))
            {
                if (facts.OwnershipDecidedByParameter is { } decider && IsPassed(arguments, decider))
                {
                    return ArgumentFate.Transferred;
                }

                return ArgumentFate.Kept;
            }

            if (facts.CreatingMembers.Contains(target.Name))
            {
                return ArgumentFate.Kept;
            }
        }

        return FateByOwnershipFlag(arguments);
    }

    /// <summary>
    /// An ownership flag among the arguments decides, on any call the table does not know
    /// (<c>archive.AddEntry(name, stream, closeStream: true)</c>, <c>new Reader(stream, leaveOpen: false)</c>,
    /// <c>ownsHandle</c>, <c>disposeHandler</c>): a constant says which way; a flag computed at run time
    /// may hand it on, so the caller stays silent. No flag: nothing known.
    /// </summary>
    private static ArgumentFate FateByOwnershipFlag(ImmutableArray<IArgumentOperation> arguments)
    {
        var fate = ArgumentFate.Unknown;
        foreach (var argument in arguments)
        {
            if (argument.Parameter is not { Type.SpecialType: SpecialType.System_Boolean, Name: var name } || !OwnershipFlags.IsOwnershipFlagName(name))
            {
                continue;
            }

            var keepsWhenTrue = OwnershipFlags.KeepsWhenTrue(name);
            if (argument.Value.ConstantValue is not { HasValue: true, Value: bool value })
            {
                return ArgumentFate.Transferred;
            }

            fate = value != keepsWhenTrue ? ArgumentFate.Transferred : ArgumentFate.Kept;
        }

        return fate;
    }

    /// <summary>The member creates a result that releases only the resources it was given (<see cref="TypeFacts.HarmlessWhenArgumentsKept"/>).</summary>
    public bool ReleasesOnlyItsArguments(IMethodSymbol method)
    {
        var target = method.ReducedFrom ?? method;
        foreach (var facts in FactsForMember(target))
        {
            if (facts.HarmlessWhenArgumentsKept.Contains(target.Name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The creating member's result holds nothing until a member that binds a resource is used (<see cref="TypeFacts.UnopenedCreatingMembers"/>).</summary>
    public bool ResultHoldsNothingUntilUsed(IMethodSymbol method) => ListsMember(method, facts => facts.UnopenedCreatingMembers);

    /// <summary>Using this member leaves an unopened instance holding nothing (<see cref="TypeFacts.UsesThatOpenNothing"/>).</summary>
    public bool UseOpensNothing(ISymbol member) => ListsMember(member, facts => facts.UsesThatOpenNothing);

    private static bool IsPassed(ImmutableArray<IArgumentOperation> arguments, string parameterName)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == parameterName && argument.ArgumentKind == ArgumentKind.Explicit)
            {
                return !(argument.Value.ConstantValue.HasValue && argument.Value.ConstantValue.Value is null);
            }
        }

        return false;
    }

    /// <summary>Evaluates a constructor's ownership flag (<c>leaveOpen</c>, …) on the actual arguments.</summary>
    private static bool ConstructorTransfers(ConstructorOwnership ownership, ImmutableArray<IArgumentOperation> arguments)
    {
        if (!ownership.Transfers)
        {
            return false;
        }

        if (ownership.FlagParameter is null)
        {
            return true;
        }

        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == ownership.FlagParameter)
            {
                var constant = argument.Value.ConstantValue;
                if (constant.HasValue && constant.Value is bool value)
                {
                    return value == ownership.TransfersWhenFlagIs;
                }

                // Not a constant: the flag decides at run time. Assume ownership moves, so we stay silent.
                return true;
            }
        }

        return ownership.FlagDefault == ownership.TransfersWhenFlagIs;
    }
}
