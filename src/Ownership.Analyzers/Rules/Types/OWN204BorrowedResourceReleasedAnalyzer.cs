using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Model;
using Ownership.Analyzers.Model.Types;

namespace Ownership.Analyzers.Rules.Types;

/// <summary>
/// OWN204: a type releases a member that only ever holds borrowed values — a service from a
/// container, another object's member, a shared instance. A constructor parameter stored and
/// released is not reported: that is how a wrapper takes ownership (DESIGN §4.1).
/// </summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN204BorrowedResourceReleasedAnalyzer : TypeOwnershipAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN204);

    private protected override void Analyze(SymbolAnalysisContext context, OwnershipModel model, TypeOwnership ownership)
    {
        foreach (var member in ownership.Members)
        {
            if (member.IsOwned || !member.SureReleases.Any() || member.HasGuardedRelease || member.Assignments.Count == 0)
            {
                continue;
            }

            // Every stored value must be borrowed from something that is not a parameter.
            // A member of a parameter (an options or settings object the caller built for this type) is
            // a hand-over as much as the parameter itself.
            if (member.Assignments.Any(a => a.Origin != Origin.Borrowed || a.Source is null or IParameterSymbol || IsCarriedByParameter(model, a.Value)))
            {
                continue;
            }

            var source = member.Assignments[0].Source!;
            var from = source switch
            {
                IMethodSymbol method => $"'{method.ContainingType?.Name}.{method.Name}', which does not give ownership",
                _ => $"'{source.ContainingType?.Name}.{source.Name}', which belongs to another object",
            };
            foreach (var release in member.SureReleases)
            {
                context.ReportOwnership(Diagnostic.Create(Descriptors.OWN204, release.Syntax.GetLocation(), ownership.Type.Name, member.Member.Name, from));
            }
        }
    }

    /// <summary>
    /// A settable member of a parameter whose type is not disposable: an options or settings object
    /// (a record) the caller filled in for this type, which owns nothing itself.
    /// </summary>
    private static bool IsCarriedByParameter(OwnershipModel model, IOperation value)
        => model.Unwrap(value) is IMemberReferenceOperation { Instance: var instance, Member: var member }
            && model.Unwrap(instance) is IParameterReferenceOperation { Type: var carrier }
            && !model.Knowledge.IsResourceType(carrier)
            && member switch
            {
                IPropertySymbol property => property.SetMethod is not null,
                IFieldSymbol field => !field.IsReadOnly,
                _ => false,
            };
}
