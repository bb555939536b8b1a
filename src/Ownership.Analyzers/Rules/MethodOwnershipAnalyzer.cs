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
public abstract class MethodOwnershipAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var model = OwnershipModel.For(start.Compilation);
            start.RegisterOperationBlockAction(block => AnalyzeBlock(block, model));
        });
    }

    private void AnalyzeBlock(OperationBlockAnalysisContext context, OwnershipModel model)
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
                Analyze(context, model, function);
            }
        }
    }

    private protected abstract void Analyze(OperationBlockAnalysisContext context, OwnershipModel model, FunctionOwnership function);

    /// <summary>A short name for the resource in messages: its local, else its type (<c>byte[]</c>, <c>void*</c> have no simple name).</summary>
    private protected static string NameOf(Allocation allocation)
        => allocation.Local?.Name ?? (allocation.Type.Name.Length > 0 ? allocation.Type.Name : allocation.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
}
