using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ownership.Analyzers.Model;

/// <summary>
/// The return half of the summaries beyond "returns a fresh resource": a method that returns its
/// own instance (<c>return this;</c>, a fluent or <c>OpenAsync</c>-style call), and a method that
/// keeps what it returns — stores it in a member or a collection, or has it from an
/// <c>out</c> lookup — which makes its callers borrowers, not owners.
/// </summary>
internal sealed partial class MethodSummaries
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, bool> _forwardsFirstArgument = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// A static source method (an extension such as <c>ForAwait(this Task t) => t.ConfigureAwait(false)</c>)
    /// whose only statement returns its first parameter through conversions and the identity calls of
    /// the table: a transparent wrapper, so its result stands for its argument.
    /// </summary>
    public bool ForwardsItsFirstArgument(IMethodSymbol method)
    {
        if (!method.IsStatic || method.Parameters.Length == 0 || method.ReturnsVoid || method.MethodKind != MethodKind.Ordinary)
        {
            return false;
        }

        method = Normalize(method);
        return IsSourceMethodWithBody(method) && _forwardsFirstArgument.GetOrAdd(method, ComputeForwardsItsFirstArgument);
    }

    private bool ComputeForwardsItsFirstArgument(IMethodSymbol method)
    {
        var block = GetBody(method) switch
        {
            IMethodBodyOperation body => body.BlockBody ?? body.ExpressionBody,
            IBlockOperation plain => plain,
            _ => null,
        };
        if (block is not { Operations: { Length: 1 } statements } || statements[0] is not IReturnOperation { ReturnedValue: { } value })
        {
            return false;
        }

        return _model.Unwrap(value, throughAwaitsAndForwarders: false) is IParameterReferenceOperation { Parameter.Ordinal: 0 };
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(IMethodSymbol Method, int Depth), bool> _returnsReceiver = new(MethodDepthComparer.Instance);

    /// <summary>True when every value the source instance method returns is its own instance (through conversions, awaits and such calls).</summary>
    public bool ReturnsReceiver(IMethodSymbol method, int depth)
    {
        method = Normalize(method);
        if (depth < 0 || method.IsStatic || !IsSourceMethodWithBody(method) || method.ReturnsVoid)
        {
            return false;
        }

        return _returnsReceiver.GetOrAdd((method, depth), key => ComputeReturnsReceiver(key.Method, key.Depth));
    }

    private bool ComputeReturnsReceiver(IMethodSymbol method, int depth)
    {
        if (GetBody(method) is not { } body)
        {
            return false;
        }

        var any = false;
        foreach (var operation in DescendantsOutsideNestedFunctions(body))
        {
            if (operation is not IReturnOperation @return)
            {
                continue;
            }

            if (@return.Kind == OperationKind.YieldReturn)
            {
                return false;
            }

            switch (_model.Unwrap(@return.ReturnedValue))
            {
                case null:
                    continue;
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                    any = true;
                    continue;
                case IInvocationOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } call
                    when ReturnsReceiver(call.TargetMethod, depth - 1):
                    any = true;
                    continue;
                default:
                    return false;
            }
        }

        return any;
    }

    /// <summary>
    /// The local the method returns is also stored in a member, an element or a collection, or is
    /// filled by an <c>out</c>/<c>ref</c> argument (<c>TryGetValue(key, out var cached)</c>): the method
    /// keeps (or only looked up) what it returns.
    /// </summary>
    private static bool IsKeptBesideReturn(IOperation body, ILocalSymbol local)
    {
        foreach (var operation in DescendantsOutsideNestedFunctions(body))
        {
            switch (operation)
            {
                case IArgumentOperation { Value: ILocalReferenceOperation reference, Parameter.RefKind: RefKind.Out or RefKind.Ref }
                    when SymbolEqualityComparer.Default.Equals(reference.Local, local):
                    return true;
                case IArgumentOperation { Value: IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } }
                    when SymbolEqualityComparer.Default.Equals(declared.Local, local):
                    return true;
                case ISimpleAssignmentOperation { Target: not ILocalReferenceOperation } store when StoresLocal(store.Value, local):
                    return true;
                case IArgumentOperation { Value: ILocalReferenceOperation passed, Parent: IInvocationOperation add }
                    when SymbolEqualityComparer.Default.Equals(passed.Local, local) && CallShape.IsAddLike(add.TargetMethod):
                    return true;
            }
        }

        return false;
    }

    /// <summary><c>_f = local</c>, or a chained <c>_cache[k] = local = Create()</c>.</summary>
    private static bool StoresLocal(IOperation value, ILocalSymbol local)
    {
        while (true)
        {
            switch (value)
            {
                case IConversionOperation conversion:
                    value = conversion.Operand;
                    continue;
                case ILocalReferenceOperation reference:
                    return SymbolEqualityComparer.Default.Equals(reference.Local, local);
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } chained:
                    if (SymbolEqualityComparer.Default.Equals(target.Local, local))
                    {
                        return true;
                    }

                    value = chained.Value;
                    continue;
                default:
                    return false;
            }
        }
    }

    /// <summary>
    /// The type's parameterless <c>Dispose()</c> does nothing but call <paramref name="method"/> on the
    /// same instance (<c>public void Dispose() => Stop();</c>, <c>{ Close(true); }</c>): calling the method
    /// releases the instance as much as disposing it does.
    /// </summary>
    private bool IsWhatDisposeForwardsTo(IMethodSymbol method)
    {
        foreach (var member in method.ContainingType.GetMembers("Dispose"))
        {
            if (member is not IMethodSymbol { Parameters.Length: 0, IsStatic: false } dispose || !IsSourceMethodWithBody(dispose)
                || SymbolEqualityComparer.Default.Equals(dispose, method) || GetBody(dispose) is not { } body)
            {
                continue;
            }

            IInvocationOperation? only = null;
            foreach (var operation in DescendantsOutsideNestedFunctions(body))
            {
                switch (operation)
                {
                    case IInvocationOperation invocation when only is null && invocation.Instance is IInstanceReferenceOperation:
                        only = invocation;
                        break;
                    case IInvocationOperation or IAssignmentOperation or IObjectCreationOperation or IConditionalOperation or ILoopOperation:
                        return false;
                }
            }

            return only is not null && SymbolEqualityComparer.Default.Equals(Normalize(only.TargetMethod), method);
        }

        return false;
    }

    /// <summary>
    /// The source property only reads the instance's own state: a get-only auto-property, or a getter
    /// that returns a field or a constant. Reading it after the instance was released calls nothing
    /// that could fail on a disposed object (often it reads what disposal completed: a final length).
    /// </summary>
    public bool ReadsOnlyConstructionState(IPropertySymbol property)
    {
        if (property.IsIndexer || !_model.IsSource(property))
        {
            return false;
        }

        if (property.SetMethod is null or { IsInitOnly: true }
            && property.ContainingType.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property)))
        {
            return true;
        }

        if (property.GetMethod is not { } getter || GetBodyOf(getter) is not { } body)
        {
            return false;
        }

        var returns = DescendantsOutsideNestedFunctions(body).OfType<IReturnOperation>().ToList();
        return returns.Count == 1 && returns[0].ReturnedValue is { } value
            && (value.ConstantValue.HasValue
                || _model.Unwrap(value) is IFieldReferenceOperation { Instance: IInstanceReferenceOperation or null });
    }

    /// <summary>
    /// The instance method's result may hold on to its receiver: a source method that returns an
    /// expression reading this instance (<c>return new Scoped(this)</c>, <c>return new Reader(_stream)</c>),
    /// or a method nothing is known about — unless the table says its result is the caller's own,
    /// independent of the receiver (<c>listener.AcceptTcpClient()</c>, <c>client.GetAsync(…)</c>).
    /// </summary>
    public bool MayReturnWhatHoldsReceiver(IMethodSymbol method, int depth)
    {
        if (method.IsStatic || _model.Knowledge.GetReturnOwnership(method, Knowledge.OwnershipOptions.Empty) != Knowledge.ReturnOwnership.Unknown)
        {
            return false;
        }

        method = Normalize(method);
        return !IsSourceMethodWithBody(method) || _holdsReceiver.GetOrAdd(method, ComputeMayReturnWhatHoldsReceiver);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, bool> _holdsReceiver = new(SymbolEqualityComparer.Default);

    private bool ComputeMayReturnWhatHoldsReceiver(IMethodSymbol method)
    {
        if (GetBody(method) is not { } body)
        {
            return true;
        }

        foreach (var operation in DescendantsOutsideNestedFunctions(body))
        {
            if (operation is IReturnOperation { ReturnedValue: { } value }
                && value.DescendantsAndSelf().Any(o => o is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }))
            {
                return true;
            }
        }

        return false;
    }
}
