using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model;
using Ownership.Analyzers.Model.Cycles;

namespace Ownership.Analyzers.Rules.Cycles;

/// <summary>
/// OWN601: the type-level ownership graph (<see cref="OwnershipGraph"/>) has a cycle — each type's
/// disposal releases the next. Reported in the symbol action of the type that closes the cycle, at
/// its release of the closing member, so the finding shows live in the IDE (no compilation-end
/// action); the graph chooses the closing edge from the cycle alone, so each cycle is reported once.
/// </summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN601OwnershipCycleAnalyzer : DiagnosticAnalyzer, ITypeEndRule
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN601);

    public override void Initialize(AnalysisContext context) => RuleFamilies.RegisterTypeEndRules(context, new ITypeEndRule[] { this });

    bool ITypeEndRule.TryPrepare(Compilation compilation, OwnershipModel model, out System.Action<SymbolAnalysisContext> atTypeEnd)
    {
        atTypeEnd = symbolEnd => AnalyzeType(symbolEnd, model);
        return true;
    }

    private static void AnalyzeType(SymbolAnalysisContext context, OwnershipModel model)
    {
        if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsStatic: false } type
            || type.Locations.Length == 0 || type.Locations[0].SourceTree is not { } tree)
        {
            return;
        }

        var options = OwnershipOptions.Get(context.Options, tree);
        if (model.GetTypeOwnership(type, options).HasErrors
            || type.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax(context.CancellationToken).ContainsDiagnostics))
        {
            return;
        }

        foreach (var cycle in model.Graph.CyclesClosedBy(type, options, context.CancellationToken))
        {
            context.ReportOwnership(Diagnostic.Create(Descriptors.OWN601, LocationOf(type, cycle.Closing), Describe(cycle)));
        }
    }

    /// <summary>The first release of the closing member; the type itself when the member is inherited from a base declared elsewhere.</summary>
    private static Location LocationOf(INamedTypeSymbol type, OwnershipEdge closing)
    {
        if (SymbolEqualityComparer.Default.Equals(closing.DeclaringType.OriginalDefinition, type.OriginalDefinition) && closing.Member.Releases.Count > 0)
        {
            var release = closing.Member.Releases[0].Syntax;
            while (release.Parent is ConditionalAccessExpressionSyntax access && access.WhenNotNull.Span.Contains(release.Span))
            {
                release = access;
            }

            return release.GetLocation();
        }

        return type.Locations[0];
    }

    /// <summary>"'Parent' releases 'Child' ('_child'), 'Child' releases 'Parent' ('_parent')".</summary>
    private static string Describe(OwnershipCycle cycle)
        => string.Join(", ", cycle.Edges.Select(edge =>
            $"'{Name(edge.From)}' releases '{Name(edge.To)}' ('{edge.MemberName}')"));

    private static string Name(INamedTypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
}
