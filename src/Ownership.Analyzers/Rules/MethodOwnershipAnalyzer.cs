using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model;

namespace Ownership.Analyzers.Rules;

/// <summary>
/// The plumbing shared by the rules that read a method's ownership (OWN1xx, OWN5xx): one model
/// per compilation, the model's answer per body, and the rule's own reading of it.
/// </summary>
#pragma warning disable RS1025, RS1026 // RuleFamilies configures the context
public abstract class MethodOwnershipAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context) => RuleFamilies.RegisterMethodRules(context, new[] { this });

    /// <summary>One operation block: its flow is computed once (shared by the model), then read by each rule.</summary>
    internal static void AnalyzeBlock(OperationBlockAnalysisContext context, OwnershipModel model, MethodOwnershipAnalyzer[] rules)
    {
        if (context.OwningSymbol is not IMethodSymbol method)
        {
            return;
        }

        OwnershipOptions? options = null;
        IOperation? previousRoot = null;
        foreach (var operationBlock in context.OperationBlocks)
        {
            // Roslyn hands out the body block; the graph is built from the root above it
            // (the method or constructor body), once even when several blocks share it.
            var block = operationBlock;
            while (block.Parent is not null)
            {
                block = block.Parent;
            }

            if (block is not (IMethodBodyOperation or IConstructorBodyOperation or IBlockOperation) || block == previousRoot)
            {
                continue;
            }

            previousRoot = block;
            model.Summaries.Adopt(block.SemanticModel);
            options ??= OwnershipOptions.Get(context.Options, block.Syntax.SyntaxTree);
            var body = model.GetBodyOwnership(block, method, options, context.CancellationToken);
            foreach (var function in body.Functions)
            {
                foreach (var rule in rules)
                {
                    using (RuleTelemetry.Measure(rule))
                    {
                        rule.Analyze(context, model, function);
                    }
                }
            }
        }
    }

    private protected abstract void Analyze(OperationBlockAnalysisContext context, OwnershipModel model, FunctionOwnership function);

    /// <summary>
    /// Which path loses it, in words: "it is still owned at the return on line 12", "… at the end of
    /// the method (line 20)"; without a known exit, "some paths leave the method while it still owns it".
    /// </summary>
    internal static string DescribeExit(Allocation allocation)
        => allocation.Exit is { } exit
            ? $"it is still owned at {exit.Description} on line {exit.Location.GetLineSpan().StartLinePosition.Line + 1}"
            : "some paths leave the method while it still owns it";

    /// <summary>A short name for the resource in messages: its local, else its type (<c>byte[]</c>, <c>void*</c> have no simple name).</summary>
    private protected static string NameOf(Allocation allocation)
        => allocation.Local?.Name ?? (allocation.Type.Name.Length > 0 ? allocation.Type.Name : allocation.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
}
