using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ownership.Analyzers.Knowledge;

/// <summary>
/// What the knowledge sources say about a resource's lifetime after a release (OWN3xx): which
/// members still answer on a disposed object, and which constructors surely make the new object
/// the owner of an argument (so that disposing it disposes the argument too).
/// </summary>
internal sealed partial class OwnershipKnowledge
{
    /// <summary>
    /// A member that is documented to work on a disposed object: the <see cref="object"/> members,
    /// the <c>Can*</c> and <c>IsDisposed</c>-style probes that exist to be asked afterwards, and
    /// <c>MemoryStream.ToArray</c> / <c>GetBuffer</c> (documented to work after <c>Close</c>).
    /// </summary>
    public bool IsUsableAfterRelease(ISymbol member)
    {
        if (member.IsStatic)
        {
            return true;
        }

        if (member is IMethodSymbol method && IsObjectMember(method))
        {
            return true;
        }

        switch (member.Name)
        {
            case "IsDisposed":
            case "Disposed":
            case "IsClosed":
            case "CanRead":
            case "CanWrite":
            case "CanSeek":
            case "CanTimeout":
                return true;
            case "ToArray":
            case "GetBuffer":
            case "TryGetBuffer":
                return IsSameOrDerivedFrom(member.ContainingType, Types.MemoryStream);
            default:
                return false;
        }
    }

    /// <summary>
    /// The object built by <paramref name="constructor"/> surely owns <paramref name="argument"/>:
    /// <c>[HandlesResourceDisposal]</c> on the parameter, or a table entry whose ownership flag is
    /// absent or a constant (<c>new StreamReader(stream)</c>, not <c>leaveOpen: keepOpen</c>).
    /// </summary>
    public bool ConstructorSurelyTakes(IMethodSymbol constructor, IArgumentOperation argument, ImmutableArray<IArgumentOperation> arguments)
    {
        if (argument.Parameter is not { } parameter)
        {
            return false;
        }

        if (OwnershipAttributes.HandlesDisposal(parameter))
        {
            return true;
        }

        if (FactsFor(constructor.ContainingType, includeBases: true)?.Constructors is not { Transfers: true } ctor
            || !ctor.NotOwnedParameters.IsDefaultOrEmpty && ctor.NotOwnedParameters.Contains(parameter.Name))
        {
            return false;
        }

        if (ctor.FlagParameter is { } flag)
        {
            foreach (var other in arguments)
            {
                if (other.Parameter?.Name == flag)
                {
                    return other.Value.ConstantValue is { HasValue: true, Value: bool value } && value == ctor.TransfersWhenFlagIs;
                }
            }

            return ctor.FlagDefault == ctor.TransfersWhenFlagIs;
        }

        return true;
    }

    private static bool IsObjectMember(IMethodSymbol method)
    {
        for (var current = method; current is not null; current = current.OverriddenMethod)
        {
            if (current.ContainingType?.SpecialType == SpecialType.System_Object)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSameOrDerivedFrom(ITypeSymbol? type, ITypeSymbol? candidateBase)
    {
        for (var current = type; candidateBase is not null && current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, candidateBase))
            {
                return true;
            }
        }

        return false;
    }
}
