using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model;

namespace Ownership.Analyzers.Rules.Types;

/// <summary>OWN206: an override of Dispose(bool)/Dispose()/DisposeAsyncCore() never calls the base implementation.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OWN206DisposeOverrideMissesBaseCallAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN206);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationBlockAction(AnalyzeBody);
    }

    private static void AnalyzeBody(OperationBlockAnalysisContext context)
    {
        if (context.OwningSymbol is not IMethodSymbol method || !DisposePattern.IsOverrideOfReleasingBase(method) || method.OverriddenMethod is not { } overridden)
        {
            return;
        }

        foreach (var block in context.OperationBlocks)
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                if (operation.Kind == OperationKind.Invalid)
                {
                    return;
                }

                // base.Dispose(…), or delegation to another disposal method of this instance
                // (Dispose() => DisposeAsync().Wait()) that reaches the base on its own.
                if (operation is IInvocationOperation { Instance: IInstanceReferenceOperation } invocation
                    && invocation.TargetMethod.Name is "Dispose" or "DisposeAsync" or "DisposeAsyncCore"
                    && (invocation.Instance.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.BaseExpressionSyntax || IsSelfCallToOther(invocation, method)))
                {
                    return;
                }
            }
        }

        // Only a base whose release provably releases something loses it: the members a source
        // base releases there, or what the knowledge table says a metadata base releases.
        var model = OwnershipModel.For(context.Compilation);
        var options = OwnershipOptions.Get(context.Options, method.Locations[0].SourceTree!);
        if (Model.Types.BaseRelease.Describe(model, overridden, method, options) is not { } released)
        {
            return;
        }

        context.ReportOwnership(Diagnostic.Create(Descriptors.OWN206, method.Locations[0], method.ContainingType.Name, method.Name, released));
    }

    /// <summary>`Dispose()` overriding and calling `Dispose(true)`, whose own override calls the base, still reaches it.</summary>
    private static bool IsSelfCallToOther(IInvocationOperation invocation, IMethodSymbol method)
        => !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, method.OriginalDefinition);
}
