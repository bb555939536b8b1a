using System.Collections.Concurrent;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;

namespace Ownership.Analyzers.Model;

/// <summary>
/// A wrapper whose disposal releases one member and nothing else, and a property that hands that
/// member out: the property's value is the wrapper's resource
/// (<c>new ObjectSafeWrapper(id, repo).ObjectPtr</c> handed to a stream that releases it loses nothing).
/// </summary>
internal sealed partial class DisposalSummaries
{
    private readonly ConcurrentDictionary<INamedTypeSymbol, ISymbol?> _soleReleasedMember = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// The non-virtual getter of a source type returns, from this instance, the readonly field that
    /// is the only thing the type's disposal releases.
    /// </summary>
    public bool ReturnsSoleReleasedMember(IPropertySymbol property)
        => _returnsSoleReleasedMember.GetOrAdd(property.OriginalDefinition, ComputeReturnsSoleReleasedMember);

    /// <summary>Asked for every property read on a value the flow tracks, on every visit of its block: memoized per property.</summary>
    private readonly ConcurrentDictionary<IPropertySymbol, bool> _returnsSoleReleasedMember = new(SymbolEqualityComparer.Default);

    private bool ComputeReturnsSoleReleasedMember(IPropertySymbol property)
    {
        if (property.IsStatic || property.IsIndexer || property.IsVirtual || property.IsAbstract || property.IsOverride
            || property.GetMethod is not { } getter || property.ContainingType is not { TypeKind: TypeKind.Class or TypeKind.Struct } type
            || !_model.IsSource(type)
            || type.BaseType is not { SpecialType: SpecialType.System_Object or SpecialType.System_ValueType })
        {
            return false;
        }

        if (_model.Summaries.GetBodyOf(getter) is not { } body
            || body.DescendantsAndSelf().OfType<IReturnOperation>().ToList() is not { Count: 1 } returns
            || _model.Unwrap(returns[0].ReturnedValue) is not IFieldReferenceOperation { Instance: IInstanceReferenceOperation, Field: { IsReadOnly: true } field })
        {
            return false;
        }

        var released = _soleReleasedMember.GetOrAdd(type.OriginalDefinition, ComputeSoleReleasedMember);
        return released is not null && SymbolEqualityComparer.Default.Equals(released.OriginalDefinition, field.OriginalDefinition);
    }

    private ISymbol? ComputeSoleReleasedMember(INamedTypeSymbol type)
    {
        ISymbol? released = null;
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>().Where(IsDisposalMethod))
        {
            if (_model.Summaries.GetBodyOf(method) is not { } body)
            {
                return null;
            }

            foreach (var invocation in body.DescendantsAndSelf().OfType<IInvocationOperation>())
            {
                var member = ReleasedBy(invocation);
                if (member is null)
                {
                    if (!IsHarmlessCall(invocation, type, MethodSummaries.MaxDepth))
                    {
                        return null;
                    }

                    continue;
                }

                if (released is not null && !SymbolEqualityComparer.Default.Equals(released, member))
                {
                    return null;
                }

                released = member;
            }
        }

        return released;
    }

    /// <summary>The member this call releases: <c>_f.Dispose()</c>, <c>_f?.Close()</c>, or <c>_f.SafeDispose()</c> / <c>Release(_f)</c> to a source method that releases that parameter.</summary>
    private ISymbol? ReleasedBy(IInvocationOperation invocation)
    {
        if (invocation.Instance is not null)
        {
            return OwnershipKnowledge.IsReleaseMethod(invocation.TargetMethod) ? ReleasedMember(invocation.Instance) : null;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter && ReleasedMember(argument.Value) is { } member
                && _model.Summaries.SurelyReleasesParameter(invocation.TargetMethod, parameter))
            {
                return member;
            }
        }

        return null;
    }
}
