using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Model;

namespace Ownership.Analyzers.Rules;

/// <summary>
/// A rule read at the end of each type, after the driver bound its bodies (the type, roots,
/// cycle and dispose-pattern rules). Rules of this family share one symbol-start action per
/// type; <see cref="TryPrepare"/> is asked once per compilation.
/// </summary>
internal interface ITypeEndRule
{
    ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <summary>The action to run at the end of each type, or false when the rule has nothing to do in this compilation.</summary>
    bool TryPrepare(Compilation compilation, OwnershipModel model, out Action<SymbolAnalysisContext> atTypeEnd);
}

/// <summary>
/// The registration of the two rule families that share work: every rule reading a body's
/// flow runs in one operation-block action, every rule reading a type in one symbol-start
/// action per type (a registration per rule costs the driver more than the rules themselves).
/// A rule whose every descriptor is switched off for the whole compilation is not run.
/// </summary>
internal static class RuleFamilies
{
    public static void RegisterMethodRules(AnalysisContext context, IReadOnlyList<MethodOwnershipAnalyzer> rules)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var enabled = rules.Where(rule => IsEnabled(start.Compilation, rule.SupportedDiagnostics, start.CancellationToken)).ToArray();
            if (enabled.Length == 0)
            {
                return;
            }

            var model = OwnershipModel.For(start.Compilation);
            start.RegisterOperationBlockAction(block => MethodOwnershipAnalyzer.AnalyzeBlock(block, model, enabled));
        });
    }

    public static void RegisterTypeEndRules(AnalysisContext context, IReadOnlyList<ITypeEndRule> rules)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var model = OwnershipModel.For(start.Compilation);
            var actions = new List<(ITypeEndRule Rule, Action<SymbolAnalysisContext> Action)>();
            foreach (var rule in rules)
            {
                if (IsEnabled(start.Compilation, rule.SupportedDiagnostics, start.CancellationToken) && rule.TryPrepare(start.Compilation, model, out var action))
                {
                    actions.Add((rule, action));
                }
            }

            if (actions.Count == 0)
            {
                return;
            }

            start.RegisterSymbolStartAction(
                symbolStart =>
                {
                    // The type rules read bodies through the driver's semantic model, adopted here, instead of binding them again.
                    symbolStart.RegisterOperationBlockAction(block => model.Summaries.Adopt(block.OperationBlocks.IsEmpty ? null : block.OperationBlocks[0].SemanticModel));
                    symbolStart.RegisterSymbolEndAction(end =>
                    {
                        foreach (var (rule, action) in actions)
                        {
                            using (RuleTelemetry.Measure(rule))
                            {
                                action(end);
                            }
                        }
                    });
                },
                SymbolKind.NamedType);
        });
    }

    /// <summary>
    /// False only when every descriptor is suppressed for the whole compilation (/nowarn, a global
    /// config, a rule set) and no syntax tree's options turn one back on. Anything less certain runs
    /// the rule: the driver filters what is reported anyway.
    /// </summary>
    private static bool IsEnabled(Compilation compilation, ImmutableArray<DiagnosticDescriptor> descriptors, CancellationToken cancellationToken)
    {
        foreach (var descriptor in descriptors)
        {
            if (!IsSuppressedEverywhere(compilation, descriptor, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSuppressedEverywhere(Compilation compilation, DiagnosticDescriptor descriptor, CancellationToken cancellationToken)
    {
        var suppressed = !descriptor.IsEnabledByDefault;
        if (compilation.Options.SpecificDiagnosticOptions.TryGetValue(descriptor.Id, out var specific))
        {
            suppressed = specific == ReportDiagnostic.Suppress;
        }

        var provider = compilation.Options.SyntaxTreeOptionsProvider;
        if (provider is not null && provider.TryGetGlobalDiagnosticValue(descriptor.Id, cancellationToken, out var global))
        {
            suppressed = global == ReportDiagnostic.Suppress;
        }

        if (!suppressed || provider is null)
        {
            return suppressed;
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            if (provider.TryGetDiagnosticValue(tree, descriptor.Id, cancellationToken, out var local) && local != ReportDiagnostic.Suppress)
            {
                return false;
            }
        }

        return true;
    }
}
