using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Model;
using Ownership.Analyzers.Model.Types;

namespace Ownership.Analyzers.Rules.Types;

/// <summary>
/// OWN205: a member holds created and borrowed resources alike, and the type releases it without
/// an ownership flag — so it sometimes disposes what it was only lent.
/// </summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN205MemberOwnedAndBorrowedAnalyzer : TypeOwnershipAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN205);

    private protected override void Analyze(SymbolAnalysisContext context, OwnershipModel model, TypeOwnership ownership)
    {
        foreach (var member in ownership.Members)
        {
            if (member.IsOwnedAndBorrowed && member.IsReleased && !member.HasGuardedRelease)
            {
                context.ReportOwnership(Diagnostic.Create(Descriptors.OWN205, LocationOf(member.Member), ownership.Type.Name, member.Member.Name));
            }
        }
    }
}
