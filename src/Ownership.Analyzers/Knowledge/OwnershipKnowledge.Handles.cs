using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Ownership.Analyzers.Knowledge;

/// <summary>
/// The knowledge about resources that are not disposable objects — rented arrays, native
/// memory, GCHandles: which calls make them, which release them, which only copy them.
/// </summary>
internal sealed partial class OwnershipKnowledge
{
    private ImmutableHashSet<string>? _handleMemberNames;

    /// <summary>Every member name the handle facts mention: a cheap test before the table is searched.</summary>
    private ImmutableHashSet<string> HandleMemberNames
    {
        get
        {
            // Built from the resolved table once; a race only builds the same set twice.
            if (_handleMemberNames is { } names)
            {
                return names;
            }

            var builder = ImmutableHashSet.CreateBuilder<string>();
            foreach (var facts in _facts.Values)
            {
                builder.UnionWith(facts.HandleFactories.Keys);
                builder.UnionWith(facts.HandleReleases.Keys);
                builder.UnionWith(facts.CopyingMembers);
            }

            _handleMemberNames = builder.ToImmutable();
            return _handleMemberNames;
        }
    }

    /// <summary>What <paramref name="method"/> makes when it makes a resource that is not a disposable object; otherwise null.</summary>
    public HandleFactory? GetHandleFactory(IMethodSymbol method)
    {
        method = method.ReducedFrom ?? method;
        if (!HandleMemberNames.Contains(method.Name))
        {
            return null;
        }

        foreach (var facts in FactsForMember(method))
        {
            if (facts.HandleFactories.TryGetValue(method.Name, out var factory))
            {
                return factory;
            }
        }

        return null;
    }

    /// <summary>What <paramref name="method"/> releases when it releases a resource that is not a disposable object; otherwise null.</summary>
    public HandleRelease? GetHandleRelease(IMethodSymbol method)
    {
        method = method.ReducedFrom ?? method;
        if (!HandleMemberNames.Contains(method.Name))
        {
            return null;
        }

        foreach (var facts in FactsForMember(method))
        {
            if (facts.HandleReleases.TryGetValue(method.Name, out var release))
            {
                return release;
            }
        }

        return null;
    }

    /// <summary>The result of <paramref name="method"/> is a copy: it holds nothing of its receiver or arguments.</summary>
    public bool IsCopyingMember(IMethodSymbol method)
    {
        method = method.ReducedFrom ?? method;
        if (!HandleMemberNames.Contains(method.Name))
        {
            return false;
        }

        foreach (var facts in FactsForMember(method))
        {
            if (facts.CopyingMembers.Contains(method.Name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A static field that stands for "no resource" (<c>IntPtr.Zero</c>).</summary>
    public bool IsNoResourceField(IFieldSymbol field)
        => FactsFor(field.ContainingType, includeBases: false) is { } facts && facts.NoResourceMembers.Contains(field.Name);

    /// <summary>A property that is false exactly when the value holds no resource (<c>GCHandle.IsAllocated</c>).</summary>
    public bool IsHoldsResourceProperty(IPropertySymbol property)
        => FactsFor(property.ContainingType, includeBases: false) is { } facts && facts.HoldsResourceMembers.Contains(property.Name);

    /// <summary>A user-defined conversion that hands the converted value on (<c>(IntPtr)handle</c>).</summary>
    public bool IsOwningConversion(IMethodSymbol conversion)
    {
        foreach (var facts in FactsForMember(conversion))
        {
            if (facts.OwningMethods.Contains(conversion.Name))
            {
                return true;
            }
        }

        return false;
    }
}
