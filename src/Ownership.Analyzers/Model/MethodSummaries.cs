using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;

namespace Ownership.Analyzers.Model;

/// <summary>What a source method does with one of its parameters.</summary>
internal enum ParameterFate
{
    /// <summary>Only used: the caller still owns what it passed.</summary>
    Kept,

    /// <summary>
    /// Handed to a call nothing is known about whose result is returned: the result may wrap the
    /// argument (an assumption, see <see cref="ArgumentDecision.AssumedAlias"/>).
    /// </summary>
    MayBeReturned,

    /// <summary>Returned (or wrapped in what is returned): the result stands for the argument.</summary>
    Returned,

    /// <summary>Disposed, stored, captured or handed on: the method takes ownership.</summary>
    Taken,
}

/// <summary>
/// Summaries of source methods computed from their bodies (DESIGN §1, knowledge source 4):
/// whether a method returns a fresh resource, and what it does with each parameter. Memoized
/// per (method, depth) so that answers never depend on the order of questions; depth-bounded so
/// that recursion, mutual recursion and long call chains always terminate.
/// </summary>
internal sealed partial class MethodSummaries
{
    /// <summary>How many calls deep a summary may look through other source methods.</summary>
    public const int MaxDepth = 3;

    private readonly OwnershipModel _model;
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Depth), bool> _returnsCreated = new(MethodDepthComparer.Instance);
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Depth), ParameterFate[]> _parameters = new(MethodDepthComparer.Instance);
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Depth), bool> _releasesReceiver = new(MethodDepthComparer.Instance);
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _semanticModels = new();

    public MethodSummaries(OwnershipModel model)
    {
        _model = model;
    }

    /// <summary>True when every value the source method returns is a resource it created (or null).</summary>
    public bool ReturnsCreated(IMethodSymbol method, int depth)
    {
        method = Normalize(method);
        if (depth < 0 || !IsSourceMethodWithBody(method))
        {
            return false;
        }

        return _returnsCreated.GetOrAdd((method, depth), key => ComputeReturnsCreated(key.Method, key.Depth));
    }

    /// <summary>
    /// True when the source instance method releases its own instance (calls <c>Dispose</c> on
    /// <c>this</c>, directly or through another such method): a pooled builder's <c>ToString()</c>
    /// that returns its buffer, a <c>Complete()</c> that disposes (DESIGN §4.3).
    /// </summary>
    public bool ReleasesReceiver(IMethodSymbol method, int depth)
    {
        method = Normalize(method);
        if (depth < 0 || method.IsStatic)
        {
            return false;
        }

        if (!IsSourceMethodWithBody(method))
        {
            // A library method the table documents as what Dispose() does (TcpListener.Stop).
            return _model.Knowledge.IsDocumentedRelease(method);
        }

        return _releasesReceiver.GetOrAdd((method, depth), key => ComputeReleasesReceiver(key.Method, key.Depth));
    }

    private bool ComputeReleasesReceiver(IMethodSymbol method, int depth)
    {
        var body = GetBody(method);
        if (body is null)
        {
            return false;
        }

        if (IsWhatDisposeForwardsTo(method))
        {
            // `public void Dispose() => Stop();`: Stop does all that disposing does.
            return true;
        }

        foreach (var operation in DescendantsOutsideNestedFunctions(body))
        {
            if (operation is IInvocationOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } invocation
                && !SymbolEqualityComparer.Default.Equals(Normalize(invocation.TargetMethod), method)
                && (OwnershipKnowledge.IsReleaseMethod(invocation.TargetMethod) || ReleasesReceiver(invocation.TargetMethod, depth - 1))
                && !RunsOnlyOnFailure(invocation))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The release runs on no normal path: it sits in a catch handler (dispose myself on failure,
    /// then rethrow), or its block throws after it (<c>if (timedOut) { Close(); throw …; }</c>).
    /// A caller that goes on after the call returns still holds a live instance.
    /// </summary>
    private static bool RunsOnlyOnFailure(IOperation operation)
    {
        var nearestBlockChecked = false;
        var child = operation;
        for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case ICatchClauseOperation:
                    return true;
                case IBlockOperation block when !nearestBlockChecked:
                    nearestBlockChecked = true;
                    for (var i = block.Operations.IndexOf(child) + 1; i > 0 && i < block.Operations.Length; i++)
                    {
                        if (block.Operations[i] is IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation })
                        {
                            return true;
                        }
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>What the source method does with <paramref name="parameter"/>; null when it cannot be told (metadata, no body).</summary>
    public ParameterFate? GetParameterFate(IMethodSymbol method, IParameterSymbol parameter, int depth)
    {
        method = Normalize(method);
        if (depth < 0 || parameter.Ordinal >= method.Parameters.Length)
        {
            return null;
        }

        if (!IsSourceMethodWithBody(method))
        {
            // An interface or abstract method: what its implementations in this compilation do.
            return method.IsAbstract && _model.IsSource(method) ? ImplementationsFate(method, parameter.Ordinal, depth) : null;
        }

        var fates = _parameters.GetOrAdd((method, depth), key => ComputeParameterFates(key.Method, key.Depth));
        return fates.Length == 0 ? null : fates[parameter.Ordinal];
    }

    internal static IMethodSymbol Normalize(IMethodSymbol method)
    {
        method = method.ReducedFrom ?? method;
        method = method.PartialImplementationPart ?? method;
        return method.OriginalDefinition;
    }

    private bool IsSourceMethodWithBody(IMethodSymbol method)
        => !method.IsAbstract && !method.IsExtern && _model.IsSource(method) && !method.IsImplicitlyDeclared;

    /// <summary>The operation tree of a source method's body, or null (metadata, invalid code).</summary>
    public IOperation? GetBodyOf(IMethodSymbol method)
    {
        method = Normalize(method);
        return IsSourceMethodWithBody(method) ? GetBody(method) : null;
    }

    /// <summary>One semantic model per tree for all summaries of the compilation.</summary>
    /// <remarks>
    /// Null for a tree of another compilation (a project reference the IDE hands over with its
    /// syntax): that code is read as metadata.
    /// </remarks>
    public SemanticModel? SemanticModelFor(SyntaxTree tree)
        => _model.Compilation.ContainsSyntaxTree(tree) ? _semanticModels.GetOrAdd(tree, t => _model.Compilation.GetSemanticModel(t)) : null;

    /// <summary>
    /// Reads bodies of <paramref name="semanticModel"/>'s tree through it from now on. The
    /// analyzer driver hands out operations from a semantic model that keeps what it bound; a
    /// model of our own would bind every body it is asked about a second time.
    /// </summary>
    public void Adopt(SemanticModel? semanticModel)
    {
        if (semanticModel is { IsSpeculativeSemanticModel: false } && semanticModel.Compilation == _model.Compilation
            && (!_semanticModels.TryGetValue(semanticModel.SyntaxTree, out var known) || known != semanticModel))
        {
            _semanticModels[semanticModel.SyntaxTree] = semanticModel;
        }
    }

    private IOperation? GetBody(IMethodSymbol method)
    {
        var syntax = method.DeclaringSyntaxReferences[0].GetSyntax();
        var operation = SemanticModelFor(syntax.SyntaxTree)?.GetOperation(syntax);
        return operation is null || operation.HasErrors(_model.Compilation) ? null : operation;
    }

    private bool ComputeReturnsCreated(IMethodSymbol method, int depth)
    {
        var body = GetBody(method);
        if (body is null)
        {
            return false;
        }

        var anyCreated = false;
        foreach (var operation in DescendantsOutsideNestedFunctions(body))
        {
            if (operation is not IReturnOperation @return)
            {
                continue;
            }

            if (@return.Kind == OperationKind.YieldReturn)
            {
                // An iterator returns an enumerable, not the resources it yields.
                return false;
            }

            var value = _model.Unwrap(@return.ReturnedValue);
            if (value is null || IsNull(value))
            {
                continue;
            }

            if (value is ILocalReferenceOperation local)
            {
                if (!AllAssignmentsCreate(body, local.Local, depth))
                {
                    return false;
                }

                anyCreated = true;
                continue;
            }

            if (_model.GetOrigin(value, OwnershipOptions.Empty, depth) != Origin.Created)
            {
                return false;
            }

            anyCreated = true;
        }

        return anyCreated;
    }

    private bool AllAssignmentsCreate(IOperation body, ILocalSymbol local, int depth)
    {
        if (IsKeptBesideReturn(body, local))
        {
            // The method keeps what it returns (a cache, a registry it releases itself): the caller borrows it.
            return false;
        }

        var any = false;
        foreach (var operation in DescendantsOutsideNestedFunctions(body))
        {
            IOperation? assigned = operation switch
            {
                IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) => declarator.GetVariableInitializer()?.Value,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local) => assignment.Value,
                _ => null,
            };
            if (assigned is null)
            {
                continue;
            }

            assigned = _model.Unwrap(assigned);
            if (assigned is null || IsNull(assigned))
            {
                continue;
            }

            if (_model.GetOrigin(assigned, OwnershipOptions.Empty, depth) != Origin.Created)
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    private ParameterFate[] ComputeParameterFates(IMethodSymbol method, int depth)
    {
        var body = GetBody(method);
        if (body is null)
        {
            return System.Array.Empty<ParameterFate>();
        }

        var fates = new ParameterFate[method.Parameters.Length];
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is not IParameterReferenceOperation reference || reference.Parameter.Ordinal >= fates.Length
                || !SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol, method))
            {
                continue;
            }

            var fate = Classify(reference, depth);
            if (fate > fates[reference.Parameter.Ordinal])
            {
                fates[reference.Parameter.Ordinal] = fate;
            }
        }

        return fates;
    }

    /// <summary>
    /// What one reference to a parameter (or to a pattern variable bound to it) does with it.
    /// Anything not understood counts as taking it.
    /// </summary>
    private ParameterFate Classify(IOperation reference, int depth, int aliases = 0)
    {
        if (OperationWalk.IsInsideNestedFunction(reference))
        {
            return ParameterFate.Taken;
        }

        var parent = OperationWalk.Consumer(reference, out var current);

        switch (parent)
        {
            case IIsPatternOperation { Pattern: IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol alias } } pattern
                when pattern.Value == current && aliases < 2:
                // `if (item is IDisposable disposable) _items[key] = disposable;`: the variable is the parameter.
                return ClassifyAlias(pattern, alias, depth, aliases + 1);
            case IInvocationOperation invocation when invocation.Instance == current:
                return OwnershipKnowledge.IsReleaseMethod(invocation.TargetMethod) ? ParameterFate.Taken : ParameterFate.Kept;
            case IPropertyReferenceOperation or IFieldReferenceOperation or IEventReferenceOperation:
                return ParameterFate.Kept;
            case IReturnOperation:
                return ParameterFate.Returned;
            case IArgumentOperation argument when argument.Parent is IInvocationOperation or IObjectCreationOperation:
                return ClassifyArgument(argument, depth);
            case IBinaryOperation or IIsNullOperation or IIsPatternOperation or IIsTypeOperation or IUnaryOperation:
                return ParameterFate.Kept;
            case INameOfOperation:
                // nameof(stream) reads a name, not the value.
                return ParameterFate.Kept;
            case IUsingOperation:
            case IUsingDeclarationOperation:
                return ParameterFate.Taken;
            case IExpressionStatementOperation:
                return ParameterFate.Kept;
            default:
                return ParameterFate.Taken;
        }
    }

    /// <summary>The strongest fate among the references to a pattern variable that stands for the parameter.</summary>
    private ParameterFate ClassifyAlias(IOperation pattern, ILocalSymbol alias, int depth, int aliases)
    {
        var root = pattern;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        var fate = ParameterFate.Kept;
        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, alias))
            {
                var one = Classify(local, depth, aliases);
                if (one > fate)
                {
                    fate = one;
                }
            }
        }

        return fate;
    }

    private ParameterFate ClassifyArgument(IArgumentOperation argument, int depth)
    {
        if (argument.Parameter is null)
        {
            return ParameterFate.Taken;
        }

        var (method, arguments) = argument.Parent switch
        {
            IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
            IObjectCreationOperation creation when creation.Constructor is not null => (creation.Constructor, creation.Arguments),
            _ => (null, default),
        };
        if (method is null)
        {
            return ParameterFate.Taken;
        }

        switch (_model.Knowledge.GetArgumentFate(method, argument, arguments, OwnershipOptions.Empty))
        {
            case ArgumentFate.Transferred:
                return ParameterFate.Taken;
            case ArgumentFate.Kept:
                return ParameterFate.Kept;
        }

        var callee = GetParameterFate(method, argument.Parameter, depth - 1);
        if (callee is { } known)
        {
            return known;
        }

        // Metadata, or beyond the depth bound: the call's shape decides.
        var resultType = method.MethodKind == MethodKind.Constructor ? method.ContainingType : method.ReturnType;
        var resultIsResource = _model.Knowledge.IsResourceType(resultType)
            || _model.Knowledge.Types.GetAwaitedResultType(resultType) is { } awaited && _model.Knowledge.IsResourceType(awaited);
        return CallShape.Decide(_model.Knowledge, method, argument.Parameter, resultIsResource) switch
        {
            ArgumentDecision.Keep => ParameterFate.Kept,
            ArgumentDecision.Alias => ParameterFate.MayBeReturned,
            _ => ParameterFate.Taken,
        };
    }

    private static bool IsNull(IOperation value)
        => value.ConstantValue.HasValue && value.ConstantValue.Value is null
            || value is IDefaultValueOperation;

    private static IEnumerable<IOperation> DescendantsOutsideNestedFunctions(IOperation root)
    {
        var stack = new Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            foreach (var child in current.ChildOperations)
            {
                if (child is not IAnonymousFunctionOperation and not ILocalFunctionOperation)
                {
                    stack.Push(child);
                }
            }
        }
    }

    internal sealed class MethodDepthComparer : IEqualityComparer<(IMethodSymbol Method, int Depth)>
    {
        public static readonly MethodDepthComparer Instance = new();

        public bool Equals((IMethodSymbol Method, int Depth) x, (IMethodSymbol Method, int Depth) y)
            => x.Depth == y.Depth && SymbolEqualityComparer.Default.Equals(x.Method, y.Method);

        public int GetHashCode((IMethodSymbol Method, int Depth) obj)
            => (SymbolEqualityComparer.Default.GetHashCode(obj.Method) * 31) + obj.Depth;
    }
}

internal static class OperationErrors
{
    /// <summary>True when the body contains invalid code: summaries of broken code say nothing.</summary>
    public static bool HasErrors(this IOperation operation, Compilation compilation)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant.Kind == OperationKind.Invalid)
            {
                return true;
            }
        }

        return false;
    }
}
