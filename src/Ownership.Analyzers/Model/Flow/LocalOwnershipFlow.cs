using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;

namespace Ownership.Analyzers.Model.Flow;

/// <summary>
/// "Is every resource this function creates released or handed on, on every path?" — answered
/// on Roslyn's control-flow graph. A forward may-analysis over <see cref="FlowState"/>:
/// allocations (creation sites) that may still be owned, and what each variable may refer to.
/// <list type="bullet">
/// <item>Normal paths only: a catch handler starts owning nothing (exception paths are OWN103's).</item>
/// <item><c>finally</c> regions run inline on every branch that crosses them, so a release in
/// <c>finally</c> (and every <c>using</c>, which lowers to one) counts on all those paths.</item>
/// <item>A null test narrows: on the branch where a variable is null it owns nothing.</item>
/// <item>Any use the model does not understand counts as handing the value on: we stay silent.</item>
/// </list>
/// Two passes: a fixpoint that computes the state at each block entry, then one recording pass
/// that writes what happened to each allocation.
/// </summary>
internal sealed partial class LocalOwnershipFlow
{
    /// <summary>Block visits allowed per block before the analysis gives up (and reports nothing).</summary>
    private const int VisitsPerBlock = 64;

    /// <summary>How deeply nested lambdas and local functions are analysed.</summary>
    private const int MaxFunctionNesting = 16;

    private readonly OwnershipModel _model;
    private readonly OwnershipKnowledge _knowledge;
    private readonly OwnershipOptions _options;
    private readonly ControlFlowGraph _cfg;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<IOperation, Allocation> _allocationByOperation = new();
    private readonly List<Allocation> _allocations = new();
    private readonly Dictionary<ILocalSymbol, int> _locals = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<CaptureId, int> _captures = new();
    private readonly Dictionary<CaptureId, bool> _captureCanHold = new();
    private readonly List<ILocalSymbol?> _variableLocals = new();
    private readonly Dictionary<int, int> _captureSources = new();
    private readonly HashSet<ILocalSymbol> _capturedByFunctions = new(SymbolEqualityComparer.Default);
    private readonly List<int> _touched = new();
    private readonly HashSet<int> _recreatedWhileOwned = new();
    private int _budget;
    private bool _recording;
    private BasicBlock? _block;

    /// <summary>The branch being followed while regions are left and the function exits (for <see cref="Allocation.Exit"/>).</summary>
    private ControlFlowBranch? _exit;
    private IIsPatternOperation? _branchPattern;
    private readonly Dictionary<ControlFlowRegion, FlowState> _tryVariables = new();

    private LocalOwnershipFlow(OwnershipModel model, ControlFlowGraph cfg, OwnershipOptions options, CancellationToken cancellationToken)
    {
        _model = model;
        _knowledge = model.Knowledge;
        _cfg = cfg;
        _options = options;
        _cancellationToken = cancellationToken;
        _budget = Math.Max(1, cfg.Blocks.Length) * VisitsPerBlock;
    }

    /// <summary>Analyses an operation block (method, accessor or constructor body) and every function nested in it.</summary>
    public static BodyOwnership AnalyzeBody(OwnershipModel model, IOperation block, IMethodSymbol? function, OwnershipOptions options, CancellationToken cancellationToken)
    {
        if (!ContainsCreation(model, block, options))
        {
            return BodyOwnership.Empty;
        }

        var cfg = CreateGraph(block, cancellationToken);
        if (cfg is null)
        {
            return BodyOwnership.Empty;
        }

        var results = ImmutableArray.CreateBuilder<FunctionOwnership>();
        AnalyzeGraph(model, cfg, function, options, cancellationToken, results, nesting: 0);
        return results.Count == 0 ? BodyOwnership.Empty : new BodyOwnership(results.ToImmutable());
    }

    /// <summary>
    /// The cheap pre-filter: does the block create anything the model tracks? A body with invalid
    /// code is skipped altogether: half-typed code must not produce findings.
    /// </summary>
    private static bool ContainsCreation(OwnershipModel model, IOperation block, OwnershipOptions options)
    {
        var found = false;
        foreach (var operation in block.DescendantsAndSelf())
        {
            switch (operation.Kind)
            {
                case OperationKind.Invalid:
                    return false;
                case OperationKind.ObjectCreation:
                case OperationKind.Invocation:
                case OperationKind.PropertyReference:
                    if (operation.Type is { } type
                        && (model.Knowledge.IsResourceType(type) || model.Knowledge.Types.GetAwaitedResultType(type) is not null)
                        && !found
                        && model.GetCreatedResourceType(operation, options) is not null)
                    {
                        found = true;
                    }
                    else if (!found && operation is IInvocationOperation invocation && model.GetHandleFactory(invocation) is not null)
                    {
                        // A rented array, native memory or a GCHandle (OWN5xx).
                        found = true;
                    }

                    break;
            }
        }

        return found;
    }

    private static ControlFlowGraph? CreateGraph(IOperation block, CancellationToken cancellationToken)
    {
        if (block.Parent is not null)
        {
            return null;
        }

        return block switch
        {
            IMethodBodyOperation body => ControlFlowGraph.Create(body, cancellationToken),
            IConstructorBodyOperation body => ControlFlowGraph.Create(body, cancellationToken),
            IBlockOperation body => ControlFlowGraph.Create(body, cancellationToken),
            _ => null,
        };
    }

    private static void AnalyzeGraph(
        OwnershipModel model,
        ControlFlowGraph cfg,
        IMethodSymbol? function,
        OwnershipOptions options,
        CancellationToken cancellationToken,
        ImmutableArray<FunctionOwnership>.Builder results,
        int nesting)
    {
        var flow = new LocalOwnershipFlow(model, cfg, options, cancellationToken);
        if (flow.Run(function) is { } result)
        {
            results.Add(result);
        }

        if (nesting >= MaxFunctionNesting)
        {
            return;
        }

        foreach (var localFunction in cfg.LocalFunctions)
        {
            AnalyzeGraph(model, cfg.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken), localFunction, options, cancellationToken, results, nesting + 1);
        }

        foreach (var anonymous in flow.AnonymousFunctions())
        {
            AnalyzeGraph(model, cfg.GetAnonymousFunctionControlFlowGraph(anonymous, cancellationToken), anonymous.Symbol, options, cancellationToken, results, nesting + 1);
        }
    }

    private IEnumerable<IFlowAnonymousFunctionOperation> AnonymousFunctions()
    {
        foreach (var block in _cfg.Blocks)
        {
            foreach (var operation in BlockOperations(block))
            {
                foreach (var descendant in operation.DescendantsAndSelf())
                {
                    if (descendant is IFlowAnonymousFunctionOperation anonymous)
                    {
                        yield return anonymous;
                    }
                }
            }
        }
    }

    private static IEnumerable<IOperation> BlockOperations(BasicBlock block)
    {
        foreach (var operation in block.Operations)
        {
            yield return operation;
        }

        if (block.BranchValue is { } branchValue)
        {
            yield return branchValue;
        }
    }

    private FunctionOwnership? Run(IMethodSymbol? function)
    {
        _function = function;
        Prepare();
        if (_allocations.Count == 0)
        {
            return null;
        }

        try
        {
            var entry = _cfg.Blocks[0];
            var states = Solve(entry.Ordinal, _cfg.Blocks.Length - 1, entry.Ordinal, NewState(), scope: null);
            Record(states, recording: true, finallyExit: null);
        }
        catch (BudgetExceededException)
        {
            // Too large or too tangled to answer within the budget: say nothing rather than guess.
            return null;
        }

        return new FunctionOwnership(function, function?.IsAsync == true, _allocations.ToImmutableArray());
    }

    private FlowState NewState() => new(_variableLocals.Count, _allocations.Count);

    /// <summary>Numbers the variables and the allocations of the graph, and finds locals that nested functions capture.</summary>
    private void Prepare()
    {
        // Which captures can hold a resource, from what they capture (a capture may be defined on several branches).
        foreach (var block in _cfg.Blocks)
        {
            foreach (var operation in BlockOperations(block))
            {
                foreach (var descendant in operation.DescendantsAndSelf())
                {
                    if (descendant is IFlowCaptureOperation capture)
                    {
                        var canHold = CanHoldResource(capture.Value.Type);
                        _captureCanHold[capture.Id] = canHold || (_captureCanHold.TryGetValue(capture.Id, out var known) && known);
                    }
                }
            }
        }

        RegisterRegion(_cfg.Root);
        var created = new List<(IOperation Operation, CreatedResource Resource, int Block)>();
        foreach (var block in _cfg.Blocks)
        {
            foreach (var operation in BlockOperations(block))
            {
                foreach (var descendant in operation.DescendantsAndSelf())
                {
                    switch (descendant)
                    {
                        case ILocalReferenceOperation local:
                            RegisterLocal(local.Local);
                            break;
                        case IFlowCaptureOperation capture:
                            RegisterCapture(capture.Id);
                            break;
                        case IFlowCaptureReferenceOperation captureReference:
                            RegisterCapture(captureReference.Id);
                            break;
                        case IObjectCreationOperation or IInvocationOperation or IPropertyReferenceOperation:
                            if (_model.GetCreatedResource(descendant, _options) is { } resource)
                            {
                                created.Add((descendant, resource, block.Ordinal));
                            }

                            break;
                    }
                }
            }
        }

        if (created.Count == 0)
        {
            return;
        }

        FindCapturedLocals(_cfg, depth: 0);
        foreach (var (operation, resource, createdIn) in created)
        {
            if (resource.Kind == ResourceKind.Disposable && OpensNothingOnItsUses(operation))
            {
                continue;
            }

            var allocation = new Allocation(_allocations.Count, operation, resource.Type, resource.Kind, resource.Allocator);
            _allocations.Add(allocation);
            _allocationBlocks.Add(createdIn);
            _allocationByOperation[operation] = allocation;
        }
    }

    /// <summary>
    /// A resource made unopened (<c>Process.GetCurrentProcess()</c>) that this body uses only through
    /// members that bind nothing, directly or through a local that nothing else reads, captures or
    /// hands on: it never holds anything to release here.
    /// </summary>
    private bool OpensNothingOnItsUses(IOperation creation)
    {
        if (creation is not IInvocationOperation invocation || !_knowledge.ResultHoldsNothingUntilUsed(invocation.TargetMethod))
        {
            return false;
        }

        var value = creation;
        while (value.Parent is IConversionOperation conversion)
        {
            value = conversion;
        }

        if (IsUseThatOpensNothing(value.Parent, value))
        {
            return true;
        }

        if (value.Parent is not ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local: var local } } assignment
            || assignment.Value != value || _capturedByFunctions.Contains(local))
        {
            return false;
        }

        foreach (var block in _cfg.Blocks)
        {
            foreach (var operation in BlockOperations(block))
            {
                foreach (var descendant in operation.DescendantsAndSelf())
                {
                    if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                        && !(reference.Parent == assignment && assignment.Target == reference)
                        && !IsUseThatOpensNothing(reference.Parent, reference))
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private bool IsUseThatOpensNothing(IOperation? use, IOperation instance)
        => use switch
        {
            IPropertyReferenceOperation property => property.Instance == instance && _knowledge.UseOpensNothing(property.Property)
                && !(property.Parent is IAssignmentOperation target && target.Target == property),
            IInvocationOperation call => call.Instance == instance && _knowledge.UseOpensNothing(call.TargetMethod),
            _ => false,
        };

    private void RegisterRegion(ControlFlowRegion region)
    {
        foreach (var local in region.Locals)
        {
            RegisterLocal(local);
        }

        foreach (var capture in region.CaptureIds)
        {
            RegisterCapture(capture);
        }

        foreach (var nested in region.NestedRegions)
        {
            RegisterRegion(nested);
        }
    }

    /// <summary>
    /// A variable of this type can never refer to a resource (a bool, a small number, a string, an
    /// enum): it is not tracked, so a state is smaller to copy. Conservative: a 64-bit or
    /// pointer-sized number may hold an address, and anything unknown is tracked.
    /// </summary>
    private static bool CanHoldResource(ITypeSymbol? type)
    {
        if (type is null)
        {
            return true;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return false;
        }

        return type.SpecialType switch
        {
            SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_SByte or SpecialType.System_Byte
                or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
                or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal or SpecialType.System_String
                or SpecialType.System_DateTime => false,
            _ => true,
        };
    }

    private void RegisterLocal(ILocalSymbol local)
    {
        if (!CanHoldResource(local.Type))
        {
            return;
        }

        if (!_locals.ContainsKey(local))
        {
            _locals.Add(local, _variableLocals.Count);
            _variableLocals.Add(local);
        }
    }

    private void RegisterCapture(CaptureId capture)
    {
        if (_captureCanHold.TryGetValue(capture, out var canHold) && !canHold)
        {
            return;
        }

        if (!_captures.ContainsKey(capture))
        {
            _captures.Add(capture, _variableLocals.Count);
            _variableLocals.Add(null);
        }
    }

    /// <summary>A local that a lambda or local function references escapes with it: the closure may outlive the method.</summary>
    private void FindCapturedLocals(ControlFlowGraph graph, int depth)
    {
        if (depth > MaxFunctionNesting)
        {
            return;
        }

        foreach (var localFunction in graph.LocalFunctions)
        {
            var nested = graph.GetLocalFunctionControlFlowGraph(localFunction, _cancellationToken);
            CollectCaptures(nested);
            FindCapturedLocals(nested, depth + 1);
        }

        foreach (var block in graph.Blocks)
        {
            foreach (var operation in BlockOperations(block))
            {
                foreach (var descendant in operation.DescendantsAndSelf())
                {
                    if (descendant is IFlowAnonymousFunctionOperation anonymous)
                    {
                        var nested = graph.GetAnonymousFunctionControlFlowGraph(anonymous, _cancellationToken);
                        CollectCaptures(nested);
                        FindCapturedLocals(nested, depth + 1);
                    }
                }
            }
        }
    }

    private void CollectCaptures(ControlFlowGraph nested)
    {
        foreach (var block in nested.Blocks)
        {
            foreach (var operation in BlockOperations(block))
            {
                foreach (var descendant in operation.DescendantsAndSelf())
                {
                    if (descendant is ILocalReferenceOperation reference && _locals.ContainsKey(reference.Local))
                    {
                        _capturedByFunctions.Add(reference.Local);
                    }
                }
            }
        }
    }

    private sealed class BudgetExceededException : Exception
    {
    }
}
