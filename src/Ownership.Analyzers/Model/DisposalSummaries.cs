using System.Linq;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;

namespace Ownership.Analyzers.Model;

/// <summary>
/// Summaries of source types' disposal (DESIGN §4.5, harmless disposables): a type whose
/// <c>Dispose</c> releases nothing that matters — an empty body, or only releases of members
/// that themselves need no disposal (a <c>MemoryStream</c>), flag and field resets and
/// <c>GC.SuppressFinalize</c> — needs no disposal either. Memoized per (type, depth).
/// </summary>
internal sealed partial class DisposalSummaries
{
    private readonly OwnershipModel _model;
    private readonly ConcurrentDictionary<(INamedTypeSymbol Type, int Depth), bool> _releasesNothing = new(TypeDepthComparer.Instance);

    public DisposalSummaries(OwnershipModel model)
    {
        _model = model;
    }

    /// <summary>True when disposing an instance of this source type releases nothing that matters.</summary>
    public bool ReleasesNothing(ITypeSymbol type, int depth = MethodSummaries.MaxDepth)
    {
        if (depth < 0 || type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsAbstract: false } named
            || !_model.IsSource(named))
        {
            return false;
        }

        return _releasesNothing.GetOrAdd((named.OriginalDefinition, depth), key => Compute(key.Type, key.Depth));
    }

    private bool Compute(INamedTypeSymbol type, int depth)
    {
        var sawDisposal = false;
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            if (!_model.IsSource(current))
            {
                // A metadata base may release anything (FileStream, Component…), unless the table
                // says its own disposal releases nothing: a source subclass of MemoryStream, or a
                // Stream or TextReader adapter, that adds no release of its own is as harmless; so
                // is a BinaryReader subclass whose constructors all pass leaveOpen: true, and a
                // subclass of a library base whose every disposal method is abstract: there the
                // source overrides, already judged above, are all the disposal there is.
                return !SymbolEqualityComparer.Default.Equals(type, current)
                    && (_model.Knowledge.BaseReleasesNothingOfItsOwn(current) || !BaseConstructionTransfers(type, current) || OnlyAbstractDisposal(current));
            }

            foreach (var member in current.GetMembers())
            {
                if (member is not IMethodSymbol method || !IsDisposalMethod(method))
                {
                    continue;
                }

                sawDisposal = true;
                if (!ReleasesNothing(method, type, depth))
                {
                    return false;
                }
            }
        }

        return sawDisposal;
    }

    /// <summary>
    /// Whether the source types above <paramref name="metadataBase"/> hand it something to release
    /// when they construct it: false when the base releases only what its constructor took
    /// (<c>BinaryReader</c>, <c>StreamReader</c>) and every constructor passes <c>leaveOpen: true</c>.
    /// </summary>
    internal bool BaseConstructionTransfers(INamedTypeSymbol type, INamedTypeSymbol metadataBase)
    {
        if (_model.Knowledge.ReleasesOnlyWhatConstructorTook(metadataBase) is not { } ownership)
        {
            return true;
        }

        // The source type that derives from the metadata base directly decides what it is given.
        var derived = type;
        while (derived.BaseType is { } next && !SymbolEqualityComparer.Default.Equals(next.OriginalDefinition, metadataBase.OriginalDefinition))
        {
            derived = next;
        }

        foreach (var constructor in derived.InstanceConstructors)
        {
            if (constructor.IsImplicitlyDeclared)
            {
                return true;
            }

            if (_model.Summaries.GetBodyOf(constructor) is not IConstructorBodyOperation { Initializer: var initializer })
            {
                return true;
            }

            var call = (initializer as IExpressionStatementOperation)?.Operation as IInvocationOperation;
            if (call is null)
            {
                return true;
            }

            if (SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType.OriginalDefinition, derived.OriginalDefinition))
            {
                // `: this(…)`: the constructor it chains to decides.
                continue;
            }

            if (OwnershipKnowledge.Transfers(ownership, call.Arguments))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The library type and its bases declare disposal methods only as abstract ones
    /// (<c>public abstract void Dispose();</c>): nothing of theirs runs when the object is disposed.
    /// </summary>
    private static bool OnlyAbstractDisposal(INamedTypeSymbol metadataBase)
    {
        var any = false;
        for (var current = metadataBase; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IMethodSymbol method && IsDisposalMethod(method))
                {
                    if (!method.IsAbstract)
                    {
                        return false;
                    }

                    any = true;
                }
            }
        }

        return any;
    }

    private static bool IsDisposalMethod(IMethodSymbol method)
    {
        if (method.IsStatic || method.MethodKind is not (MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation))
        {
            return false;
        }

        var name = method.Name;
        var dot = name.LastIndexOf('.');
        if (dot >= 0)
        {
            name = name.Substring(dot + 1);
        }

        return (name is "Dispose" or "DisposeAsync" or "Close" or "DisposeAsyncCore" && method.Parameters.Length == 0)
            || (name == "Dispose" && method.Parameters.Length == 1 && method.Parameters[0].Type.SpecialType == SpecialType.System_Boolean);
    }

    /// <summary>The source method's body releases nothing that matters: empty, or only flag resets and releases of harmless members.</summary>
    public bool MethodReleasesNothing(IMethodSymbol method) => ReleasesNothing(method, method.ContainingType, MethodSummaries.MaxDepth);

    private bool ReleasesNothing(IMethodSymbol method, INamedTypeSymbol owner, int depth, bool monitorExitIsHarmless = false)
    {
        if (method.IsAbstract || method.IsExtern)
        {
            return false;
        }

        var body = _model.Summaries.GetBodyOf(method);
        return body is not null && ReleasesNothingIn(body, owner, depth, monitorExitIsHarmless);
    }

    /// <summary>Nothing in <paramref name="root"/> releases anything that matters (see the class summary).</summary>
    private bool ReleasesNothingIn(IOperation root, INamedTypeSymbol owner, int depth, bool monitorExitIsHarmless = false)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    if (!IsHarmlessCall(invocation, owner, depth, monitorExitIsHarmless))
                    {
                        return false;
                    }

                    break;

                case IObjectCreationOperation:
                case IEventAssignmentOperation:
                case IRaiseEventOperation:
                case IDynamicInvocationOperation:
                case IAnonymousFunctionOperation:
                case ILocalFunctionOperation:
                case IAwaitOperation:
                case IThrowOperation:
                case IInvalidOperation:
                case ILockOperation:
                case IUsingOperation:
                case IUsingDeclarationOperation:
                    return false;
            }
        }

        return true;
    }

    private bool IsHarmlessCall(IInvocationOperation invocation, INamedTypeSymbol owner, int depth, bool monitorExitIsHarmless = false)
    {
        var target = invocation.TargetMethod;
        if (target.Name == "SuppressFinalize" && target.ContainingType?.Name == "GC")
        {
            return true;
        }

        var instance = invocation.Instance;
        while (instance is IConversionOperation conversion)
        {
            instance = conversion.Operand;
        }

        switch (instance)
        {
            case IInstanceReferenceOperation:
                // this.Dispose(true), base.Dispose(disposing): their bodies are checked on their own.
                return IsDisposalMethod(target);
            case IConditionalAccessInstanceOperation:
            case IFieldReferenceOperation:
            case IPropertyReferenceOperation:
            case ILocalReferenceOperation:
                if (!OwnershipKnowledge.IsReleaseMethod(target))
                {
                    // A call on an instance of a type that holds nothing to release (a SemaphoreSlim's
                    // Release, a lock token's) cannot release a resource either.
                    var receiverType = instance is IConditionalAccessInstanceOperation conditional ? conditional.Type : instance.Type;
                    return receiverType is not null && _model.Knowledge.IsResourceType(receiverType)
                        && _model.Knowledge.NeedsNoDisposal(receiverType, null, OwnershipOptions.Empty);
                }

                var released = instance is IConditionalAccessInstanceOperation access ? access.Type : instance.Type;
                return released is not null
                    && (!_model.Knowledge.IsResourceType(released)
                        || _model.Knowledge.NeedsNoDisposal(released, null, OwnershipOptions.Empty)
                        || (!SymbolEqualityComparer.Default.Equals(released.OriginalDefinition, owner) && ReleasesNothing(released, depth - 1))
                        || HoldsOnlyHarmlessCreations(ReleasedMember(instance), depth - 1));
            case null when monitorExitIsHarmless && IsMonitorExit(target):
                // Asked by IsMonitorScope: an exit releases only a monitor someone entered.
                return true;
            default:
                return false;
        }
    }

    private static bool IsMonitorExit(IMethodSymbol method)
        => method is { IsStatic: true, Name: "Exit", ContainingType: { Name: "Monitor", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(INamedTypeSymbol Type, int Depth), bool> _monitorScopes = new(TypeDepthComparer.Instance);

    /// <summary>
    /// A scope type: its disposal does nothing but exit monitors (<c>Dispose() => Monitor.Exit(_lock)</c>)
    /// and no constructor enters one. An instance releases something only when the code that creates
    /// it entered the monitor first (<c>Monitor.Enter(gate); return new Releaser(gate);</c>), or when a
    /// method of its own does (<c>Enter() { Monitor.Enter(_lock); return this; }</c>).
    /// </summary>
    public bool IsMonitorScope(INamedTypeSymbol type, int depth)
        => depth >= 0 && _monitorScopes.GetOrAdd((type.OriginalDefinition, depth), key => ComputeMonitorScope(key.Type, key.Depth));

    private bool ComputeMonitorScope(INamedTypeSymbol type, int depth)
    {
        if (!_model.IsSource(type) || type.BaseType is { SpecialType: not (SpecialType.System_Object or SpecialType.System_ValueType) })
        {
            return false;
        }

        var exits = false;
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>().Where(IsDisposalMethod))
        {
            if (!ReleasesNothing(method, type, depth - 1, monitorExitIsHarmless: true))
            {
                return false;
            }

            exits |= _model.Summaries.GetBodyOf(method) is { } body && body.DescendantsAndSelf().OfType<IInvocationOperation>().Any(call => IsMonitorExit(call.TargetMethod));
        }

        return exits && !ConstructorsEnterMonitor(type);
    }

    /// <summary>
    /// The member that creates the scope enters a monitor (anywhere in its body): the scope then
    /// holds it. Read from the syntax of the enclosing member and bound there, because the flow's
    /// operations come from the control-flow graph, whose statements have no parent.
    /// </summary>
    public bool CreatorEntersMonitor(IOperation creation)
    {
        var member = creation.Syntax.FirstAncestorOrSelf<SyntaxNode>(node => node is Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax
            or Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.ArrowExpressionClauseSyntax
            or Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousFunctionExpressionSyntax
            or Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Parent.Parent: Microsoft.CodeAnalysis.CSharp.Syntax.FieldDeclarationSyntax });
        if (member is null)
        {
            return true;
        }

        SemanticModel? semanticModel = null;
        foreach (var invocation in member.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>())
        {
            var name = invocation.Expression switch
            {
                Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                _ => null,
            };
            if (name is not ("Enter" or "TryEnter"))
            {
                continue;
            }

            semanticModel ??= _model.Summaries.SemanticModelFor(member.SyntaxTree);
            if (semanticModel is null)
            {
                return false;
            }

            if (semanticModel.GetSymbolInfo(invocation).Symbol is IMethodSymbol { IsStatic: true, ContainingType.Name: "Monitor" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A constructor of the type (or an initializer) takes a monitor: then its Dispose's Exit releases what creating it acquired.</summary>
    private bool ConstructorsEnterMonitor(INamedTypeSymbol owner)
    {
        foreach (var constructor in owner.InstanceConstructors)
        {
            if (constructor.IsImplicitlyDeclared)
            {
                continue;
            }

            if (_model.Summaries.GetBodyOf(constructor) is not { } body)
            {
                return true;
            }

            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation { TargetMethod: { IsStatic: true, Name: "Enter" or "TryEnter" or "ReliableEnter", ContainingType.Name: "Monitor" } }
                    or IInvocationOperation { Instance: IInstanceReferenceOperation, TargetMethod.MethodKind: not MethodKind.Constructor })
                {
                    // Entering directly, or calling one of its own methods that may.
                    return true;
                }
            }
        }

        return false;
    }

    private sealed class TypeDepthComparer : System.Collections.Generic.IEqualityComparer<(INamedTypeSymbol Type, int Depth)>
    {
        public static readonly TypeDepthComparer Instance = new();

        public bool Equals((INamedTypeSymbol Type, int Depth) x, (INamedTypeSymbol Type, int Depth) y)
            => x.Depth == y.Depth && SymbolEqualityComparer.Default.Equals(x.Type, y.Type);

        public int GetHashCode((INamedTypeSymbol Type, int Depth) obj)
            => (SymbolEqualityComparer.Default.GetHashCode(obj.Type) * 31) + obj.Depth;
    }
}
