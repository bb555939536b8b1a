using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Model;
using Ownership.Analyzers.Model.Roots;
using Ownership.Analyzers.Model.Types;

namespace Ownership.Analyzers.Rules.Types;

/// <summary>OWN201: a type stores resources it created but is not disposable (and no cleanup method releases them).</summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN201OwningTypeNotDisposableAnalyzer : TypeOwnershipAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN201);

    private protected override void Analyze(SymbolAnalysisContext context, OwnershipModel model, TypeOwnership ownership)
    {
        if (IsDisposable(model, ownership.Type) || ownership.Type.TypeKind != TypeKind.Class)
        {
            return;
        }

        // A timer whose callback roots the instance is OWN405's finding.
        var unreleased = ownership.Members
            .Where(m => ownership.Loses(m) && !TimerRoots.IsNeverReleasedRootingTimer(m, ownership, model.Knowledge.Roots, out _))
            .Select(m => m.Member).ToList();
        if (unreleased.Count == 0)
        {
            return;
        }

        var names = string.Join(", ", unreleased.Take(3).Select(m => $"'{m.Name}'")) + (unreleased.Count > 3 ? $" and {unreleased.Count - 3} more" : string.Empty);
        context.ReportOwnership(Diagnostic.Create(Descriptors.OWN201, TypeLocationFor(ownership.Type, unreleased[0]), unreleased.Select(LocationOf), ownership.Type.Name, names));
    }
}
