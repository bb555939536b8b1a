using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Model;
using Ownership.Analyzers.Model.Roots;
using Ownership.Analyzers.Model.Types;

namespace Ownership.Analyzers.Rules.Roots;

/// <summary>
/// OWN405: a type owns a timer whose callback roots the instance (an instance method or a lambda
/// that uses <c>this</c>) and never disposes or stops it. The member facts are the type model's;
/// the rooting facts are <see cref="TimerRoots"/>'. OWN201/OWN202 leave such a member to this rule,
/// and their fixes (implement <c>IDisposable</c>, add the release) fix it too.
/// </summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN405TimerRootsItsOwnerAnalyzer : TypeOwnershipAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN405);

    private protected override void Analyze(SymbolAnalysisContext context, OwnershipModel model, TypeOwnership ownership)
    {
        var roots = model.Knowledge.Roots;
        if (roots.ThreadingTimer is null && roots.TimersTimer is null && roots.PeriodicTimer is null)
        {
            return;
        }

        foreach (var member in ownership.Members)
        {
            if (TimerRoots.IsNeverReleasedRootingTimer(member, ownership, roots, out var callback))
            {
                context.ReportOwnership(Diagnostic.Create(Descriptors.OWN405, LocationOf(member.Member), ownership.Type.Name, member.Member.Name, callback));
            }
        }
    }
}
