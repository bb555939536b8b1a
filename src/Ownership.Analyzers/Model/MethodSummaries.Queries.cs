using System.Collections.Concurrent;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ownership.Analyzers.Model;

/// <summary>
/// Source queries that tell a resource's holder whether its disposal has anything to do — the
/// source counterpart of the table's <c>GCHandle.IsAllocated</c>.
/// </summary>
internal sealed partial class MethodSummaries
{
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _holdsNothingWhenFalse = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// A parameterless, non-virtual <c>bool</c> method or property getter that returns a readonly
    /// field (or get-only auto-property) F of its type, whose <c>Dispose()</c> begins with
    /// <c>if (!F) return;</c> or does all its work under <c>if (F)</c>: where the query is false,
    /// disposing the instance does nothing, so it holds nothing to lose
    /// (<c>var op = gate.TryBegin(); if (!op.CanContinue()) return;</c>).
    /// </summary>
    public bool SaysHoldsNothingWhenFalse(IMethodSymbol query)
    {
        query = Normalize(query);
        if (query.IsStatic || query.Parameters.Length != 0 || query.ReturnType.SpecialType != SpecialType.System_Boolean
            || query.IsVirtual || query.IsAbstract || query.IsOverride || !IsSourceMethodWithBody(query))
        {
            return false;
        }

        return _holdsNothingWhenFalse.GetOrAdd(query, ComputeHoldsNothingWhenFalse);
    }

    private bool ComputeHoldsNothingWhenFalse(IMethodSymbol query)
    {
        var flag = FlagReturnedBy(query);
        if (flag is null)
        {
            return false;
        }

        var dispose = query.ContainingType.GetMembers("Dispose").OfType<IMethodSymbol>()
            .FirstOrDefault(m => !m.IsStatic && m.Parameters.Length == 0 && !m.IsVirtual && !m.IsAbstract && !m.IsOverride);
        if (dispose is null || !IsSourceMethodWithBody(dispose) || StatementsOf(GetBody(dispose)) is not { Length: > 0 } statements)
        {
            return false;
        }

        // if (!F) return; …
        if (statements[0] is IConditionalOperation { WhenFalse: null } first
            && first.Condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not && ReadsFlag(not.Operand, flag)
            && IsBareReturn(first.WhenTrue))
        {
            return true;
        }

        // if (F) { … } and nothing else
        return statements.Length == 1 && statements[0] is IConditionalOperation { WhenFalse: null } only && ReadsFlag(only.Condition, flag);
    }

    /// <summary>The readonly field or get-only auto-property the query's only return reads from this instance.</summary>
    private ISymbol? FlagReturnedBy(IMethodSymbol query)
    {
        if (StatementsOf(GetBody(query)) is not { Length: 1 } statements || statements[0] is not IReturnOperation { ReturnedValue: { } value })
        {
            return null;
        }

        return _model.Unwrap(value) switch
        {
            IFieldReferenceOperation { Instance: IInstanceReferenceOperation, Field: { IsReadOnly: true } field } => field,
            IPropertyReferenceOperation { Instance: IInstanceReferenceOperation, Property: { SetMethod: null, IsVirtual: false, IsAbstract: false } property }
                when property.ContainingType.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property)) => property,
            _ => null,
        };
    }

    private bool ReadsFlag(IOperation operation, ISymbol flag)
        => _model.Unwrap(operation) is IMemberReferenceOperation { Instance: IInstanceReferenceOperation } reference
            && SymbolEqualityComparer.Default.Equals(reference.Member, flag);

    private static bool IsBareReturn(IOperation operation)
        => operation is IReturnOperation { ReturnedValue: null }
            || (operation is IBlockOperation { Operations: { Length: 1 } inner } && inner[0] is IReturnOperation { ReturnedValue: null });

    private static System.Collections.Immutable.ImmutableArray<IOperation>? StatementsOf(IOperation? body)
    {
        var block = body switch
        {
            IMethodBodyOperation method => method.BlockBody ?? method.ExpressionBody,
            IBlockOperation plain => plain,
            _ => null,
        };
        return block?.Operations;
    }

    /// <summary>
    /// A value of <paramref name="created"/> seen as <paramref name="declared"/> (a base class or an
    /// interface that is not disposable) can still be released through it: <paramref name="created"/>
    /// overrides or implements a member of <paramref name="declared"/> with a method that releases its
    /// own instance (<c>public override void Complete(Exception e = null) => Dispose();</c> on a
    /// <c>PipeReader</c>). Callers holding the declared type see how to release it.
    /// </summary>
    public bool ReleasableThrough(INamedTypeSymbol created, ITypeSymbol declared)
    {
        for (var type = created; type is not null && !SymbolEqualityComparer.Default.Equals(type, declared); type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol { IsStatic: false, MethodKind: MethodKind.Ordinary } method
                    && (IsDeclaredBy(method.OverriddenMethod, declared) || ImplementsMemberOf(type, method, declared))
                    && ReleasesReceiver(method, MaxDepth))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsDeclaredBy(IMethodSymbol? overridden, ITypeSymbol declared)
    {
        for (var current = overridden; current is not null; current = current.OverriddenMethod)
        {
            for (var owner = declared; owner is not null; owner = owner.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.ContainingType.OriginalDefinition, owner.OriginalDefinition))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool ImplementsMemberOf(INamedTypeSymbol type, IMethodSymbol method, ITypeSymbol declared)
    {
        if (declared.TypeKind != TypeKind.Interface)
        {
            return false;
        }

        foreach (var @interface in new[] { declared }.Concat(declared.AllInterfaces))
        {
            foreach (var member in @interface.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
