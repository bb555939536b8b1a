using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Model;
using Ownership.Analyzers.Model.Roots;
using Ownership.Analyzers.Model.Types;

namespace Ownership.Analyzers.Rules.Types;

/// <summary>OWN202: a disposable type stores a resource it created and never releases it.</summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN202OwnedMemberNotReleasedAnalyzer : TypeOwnershipAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN202);

    private protected override void Analyze(SymbolAnalysisContext context, OwnershipModel model, TypeOwnership ownership)
    {
        if (!IsDisposable(model, ownership.Type))
        {
            return;
        }

        foreach (var member in ownership.Members)
        {
            if (!ownership.Loses(member) || member.FirstCreated is not { } created
                || TimerRoots.IsNeverReleasedRootingTimer(member, ownership, model.Knowledge.Roots, out _))
            {
                // A timer whose callback roots the instance is OWN405's finding.
                continue;
            }

            context.ReportOwnership(Diagnostic.Create(Descriptors.OWN202, LocationOf(member.Member), ownership.Type.Name, member.Member.Name, DescribeSite(created)));
        }
    }
}
