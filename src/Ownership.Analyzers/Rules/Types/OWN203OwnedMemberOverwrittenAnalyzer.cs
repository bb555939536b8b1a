using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Model;
using Ownership.Analyzers.Model.Types;

namespace Ownership.Analyzers.Rules.Types;

/// <summary>
/// OWN203: a method stores a new resource in a member that certainly still holds one the type
/// created — in an initializer or constructor — without releasing it first. Narrow on purpose
/// (DESIGN §4.2): one-time initialisation and Open/Close lifecycles are not reported; a member
/// released anywhere outside disposal, a null guard or `??=` before the store keeps it silent.
/// </summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN203OwnedMemberOverwrittenAnalyzer : TypeOwnershipAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN203);

    private protected override void Analyze(SymbolAnalysisContext context, OwnershipModel model, TypeOwnership ownership)
    {
        foreach (var member in ownership.Members)
        {
            var initial = member.Assignments.FirstOrDefault(a => a.Origin == Origin.Created && IsInitialization(a.Site));
            if (initial.Site is null || member.IsReleasedOutsideDisposal || member.HasGuardedRelease)
            {
                continue;
            }

            foreach (var assignment in member.Assignments)
            {
                if (assignment.Origin != Origin.Created || IsInitialization(assignment.Site) || assignment.Site is not ISimpleAssignmentOperation store
                    || IsInDisposal(store, ownership) || IsGuardedOrPreceded(store, member.Member))
                {
                    continue;
                }

                context.ReportOwnership(Diagnostic.Create(Descriptors.OWN203, store.Syntax.GetLocation(), ownership.Type.Name, member.Member.Name, DescribeSite(initial)));
            }
        }
    }

    private static bool IsInitialization(IOperation site)
        => site is IFieldInitializerOperation or IPropertyInitializerOperation
            || site.Syntax.FirstAncestorOrSelf<ConstructorDeclarationSyntax>() is not null;

    private static bool IsInDisposal(IOperation site, TypeOwnership ownership)
        => site.Syntax.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } method
            && ownership.DisposalMethods.Any(d => d.Name == method.Identifier.ValueText || d.Name.EndsWith("." + method.Identifier.ValueText, System.StringComparison.Ordinal));

    /// <summary>Silent when the store sits under a test of the member, or the method releases or reads it first.</summary>
    private static bool IsGuardedOrPreceded(ISimpleAssignmentOperation store, ISymbol member)
    {
        var body = store.Syntax.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        if (body is null)
        {
            return true;
        }

        // Anything that mentions the member before the store (a release, a null test, a hand-off) — or a
        // condition around it — may make the overwrite safe; precision first.
        // The right-hand side reading the member (`_s = new BufferedStream(_s)`) hands the old value on.
        var target = (store.Syntax as Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax)?.Left;
        foreach (var identifier in body.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText == member.Name && identifier.SpanStart < store.Syntax.Span.End
                && (target is null || !target.Span.Contains(identifier.Span)))
            {
                return true;
            }
        }

        for (var node = store.Syntax.Parent; node is not null && node != body; node = node.Parent)
        {
            if (node is IfStatementSyntax @if && @if.Condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(id => id.Identifier.ValueText == member.Name))
            {
                return true;
            }
        }

        return false;
    }
}
