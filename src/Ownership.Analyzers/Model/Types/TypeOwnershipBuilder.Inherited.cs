using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ownership.Analyzers.Model.Types;

/// <summary>
/// Release through inheritance: a base class's disposal releases a member through a virtual or
/// abstract property (<c>Volume?.Dispose()</c>), and this type's override of the property supplies
/// it — an auto-property, or a getter that returns one of this type's fields. The member is
/// released by the base's disposal.
/// </summary>
internal sealed partial class TypeOwnershipBuilder
{
    private void CollectInheritedReleases()
    {
        for (var @base = _type.BaseType; @base is not null && _model.IsSource(@base); @base = @base.BaseType)
        {
            foreach (var disposal in @base.GetMembers().OfType<IMethodSymbol>().Where(IsDisposalMethod))
            {
                foreach (var body in BaseRelease.ReachableMethods(_model, disposal, @base).Values)
                {
                    foreach (var invocation in body.DescendantsAndSelf().OfType<IInvocationOperation>())
                    {
                        if (IsRelease(invocation.TargetMethod) && ReleasedVirtualProperty(invocation.Instance) is { } property
                            && MemberSupplying(property) is { } member)
                        {
                            member.AddRelease(invocation, guarded: false, onFinalizerPath: false, disposal);
                        }
                    }
                }
            }
        }
    }

    /// <summary>The virtual property of this instance a release is called on: <c>Volume.Dispose()</c>, <c>Volume?.Dispose()</c>, <c>((IDisposable)Volume).Dispose()</c>.</summary>
    private static IPropertySymbol? ReleasedVirtualProperty(IOperation? instance)
    {
        while (true)
        {
            switch (instance)
            {
                case IConversionOperation conversion:
                    instance = conversion.Operand;
                    continue;
                case IConditionalAccessInstanceOperation:
                    instance = FindConditionalAccess(instance)?.Operation;
                    continue;
            }

            break;
        }

        return instance is IPropertyReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }, Property: { IsIndexer: false } property }
            && (property.IsVirtual || property.IsAbstract || property.IsOverride)
            ? property.OriginalDefinition
            : null;
    }

    /// <summary>This type's member behind its override of <paramref name="property"/>: the auto-property itself, or the field its getter returns.</summary>
    private MemberOwnership? MemberSupplying(IPropertySymbol property)
    {
        foreach (var candidate in _type.GetMembers(property.Name).OfType<IPropertySymbol>())
        {
            if (!Overrides(candidate, property))
            {
                continue;
            }

            if (_members.TryGetValue(candidate, out var auto))
            {
                return auto;
            }

            if (candidate.GetMethod is { } getter && _model.Summaries.GetBodyOf(getter) is { } body)
            {
                var returned = body.DescendantsAndSelf().OfType<IReturnOperation>().Select(r => _model.Unwrap(r.ReturnedValue)).ToList();
                if (returned.Count == 1 && returned[0] is IFieldReferenceOperation { Instance: IInstanceReferenceOperation } field
                    && _members.TryGetValue(field.Field, out var backing))
                {
                    return backing;
                }
            }
        }

        return null;
    }

    private static bool Overrides(IPropertySymbol candidate, IPropertySymbol property)
    {
        for (var current = candidate.OverriddenProperty; current is not null; current = current.OverriddenProperty)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, property))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A member released through another member that holds it: <c>_write = compress ? new DeflateStream(_counting) : _counting;</c>
    /// and the type releases <c>_write</c> — <c>_counting</c> is released with it (it is the same object, or
    /// one the wrapper surely owns). One step: the holder's release must be the type's own.
    /// </summary>
    private void CollectReleasesThroughHolders()
    {
        foreach (var holder in _members.Values.ToList())
        {
            if (!holder.IsReleased)
            {
                continue;
            }

            foreach (var assignment in holder.Assignments)
            {
                foreach (var held in HeldMembers(assignment.Value))
                {
                    if (held != holder && !held.IsReleased)
                    {
                        foreach (var release in holder.Releases)
                        {
                            held.AddRelease(release, guarded: holder.HasGuardedRelease, onFinalizerPath: false, holder.ReleasedBy.FirstOrDefault());
                        }
                    }
                }
            }
        }
    }

    /// <summary>The type's own members a stored value is, or is a wrapper that surely owns: through conditionals and coalescing.</summary>
    private IEnumerable<MemberOwnership> HeldMembers(IOperation value, int depth = 0)
    {
        if (depth > 3)
        {
            return Enumerable.Empty<MemberOwnership>();
        }

        switch (_model.Unwrap(value))
        {
            case ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } chained when IsOwnMember(target):
                // `outputStream = _counting = new CountingStream(…)`: the local is the member.
                return new[] { _members[target.Member] }.Concat(HeldMembers(chained.Value, depth + 1));
            case ILocalReferenceOperation local:
                return _bodies.SelectMany(body => LocalAssignments(body, local.Local)).SelectMany(assigned => HeldMembers(assigned, depth + 1)).ToList();
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return HeldMembers(conditional.WhenTrue, depth + 1).Concat(HeldMembers(whenFalse, depth + 1));
            case ICoalesceOperation coalesce:
                return HeldMembers(coalesce.Value, depth + 1).Concat(HeldMembers(coalesce.WhenNull, depth + 1));
            case IMemberReferenceOperation reference when IsOwnMember(reference):
                return new[] { _members[reference.Member] };
            case IArrayCreationOperation { Initializer: { } elements }:
                // A `params` argument (`new CompositeDisposable(_a, _b)`) or an explicit array: each element is held.
                return elements.ElementValues.SelectMany(element => HeldMembers(element, depth + 1)).ToList();
            case IObjectCreationOperation { Constructor: { } constructor } creation:
                return creation.Arguments
                    .Where(argument => _model.Knowledge.ConstructorSurelyTakes(constructor, argument, creation.Arguments))
                    .SelectMany(argument => HeldMembers(argument.Value, depth + 1));
            default:
                return Enumerable.Empty<MemberOwnership>();
        }
    }
}
