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
/// released anywhere outside disposal, a null guard, a hand-off or `??=` before the store keeps it
/// silent; reading through the member before the store does not.
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
                    || IsInDisposal(store, ownership) || IsGuardedOrPreceded(store, member.Member, model))
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

    /// <summary>
    /// Silent when the method does something with the member before the store that may make the
    /// overwrite safe: a release, a null test (also around the store), a hand-off, a copy, a
    /// pattern — anything but reading through it. Reading a property of it or calling a method on
    /// it (<c>if (_log.BaseStream.Length &lt; max) return;</c>) leaves the old value where it was.
    /// </summary>
    private static bool IsGuardedOrPreceded(ISimpleAssignmentOperation store, ISymbol member, OwnershipModel model)
    {
        var root = (IOperation)store;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        foreach (var operation in root.Descendants())
        {
            if (operation is IMemberReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Member.OriginalDefinition, member.OriginalDefinition)
                && reference.Syntax.SpanStart < store.Syntax.SpanStart
                && reference != store.Target
                && !OnlyReadsThrough(reference, model))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The reference is the receiver of a property read, a field read or a call that does not release it.</summary>
    private static bool OnlyReadsThrough(IOperation reference, OwnershipModel model)
        => reference.Parent switch
        {
            IPropertyReferenceOperation property when property.Instance == reference => true,
            IFieldReferenceOperation field when field.Instance == reference => true,
            IInvocationOperation invocation when invocation.Instance == reference
                => !Knowledge.OwnershipKnowledge.IsReleaseMethod(invocation.TargetMethod)
                    && !model.Summaries.ReleasesReceiver(invocation.TargetMethod, MethodSummaries.MaxDepth)
                    && invocation.TargetMethod.ReturnType.SpecialType is SpecialType.System_Void or SpecialType.System_Boolean or SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_String,
            _ => false,
        };
}
