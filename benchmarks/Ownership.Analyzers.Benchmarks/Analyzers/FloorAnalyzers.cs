using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ownership.Analyzers.Benchmarks.Analyzers;

/// <summary>
/// The floor: an analyzer that asks for every operation of every body and does nothing with
/// it. What the driver spends building operation trees and calling back is what any
/// operation-based rule pays before it does any work of its own.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class OperationFloorAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = FloorDescriptors.Create("FLOOR001");

    private static readonly ImmutableArray<OperationKind> AllKinds = Enum.GetValues<OperationKind>()
        .Where(kind => kind != OperationKind.None)
        .Distinct()
        .ToImmutableArray();

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(static _ => { }, AllKinds);
    }
}

/// <summary>
/// A second, higher floor for flow rules: builds Roslyn's control-flow graph of every body that
/// has one, the way ours do (from the root operation of an operation block), and reads nothing
/// in it. The gap between this and ours is the cost of the ownership flow itself.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class ControlFlowGraphFloorAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = FloorDescriptors.Create("FLOOR002");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationBlockAction(static block =>
        {
            IOperation? previous = null;
            foreach (var operation in block.OperationBlocks)
            {
                var root = operation;
                while (root.Parent is not null)
                {
                    root = root.Parent;
                }

                if (root == previous)
                {
                    continue;
                }

                previous = root;
                _ = root switch
                {
                    IMethodBodyOperation body => ControlFlowGraph.Create(body, block.CancellationToken),
                    IConstructorBodyOperation body => ControlFlowGraph.Create(body, block.CancellationToken),
                    IBlockOperation body => ControlFlowGraph.Create(body, block.CancellationToken),
                    _ => null,
                };
            }
        });
    }
}

internal static class FloorDescriptors
{
    /// <summary>A rule that is never reported; an analyzer without one would be skipped by the driver.</summary>
    public static DiagnosticDescriptor Create(string id)
        => new(id, "Benchmark floor", "Never reported", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static AnalyzerSuite OperationFloor()
        => AnalyzerSuite.Create("floor: operation action, all kinds", SuiteKind.Floor, new DiagnosticAnalyzer[] { new OperationFloorAnalyzer() });

    public static AnalyzerSuite ControlFlowGraphFloor()
        => AnalyzerSuite.Create("floor: CFG of every body, no pre-filter", SuiteKind.Floor, new DiagnosticAnalyzer[] { new ControlFlowGraphFloorAnalyzer() });
}
