using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model;
using Ownership.Analyzers.Model.Types;

namespace Ownership.Analyzers.Rules.Cycles;

/// <summary>
/// OWN602: a native peer (a type derived from <c>Foundation.NSObject</c>) keeps another native peer in
/// an instance field or auto-property. Allowed: the children the type creates and so owns (the
/// ownership model's member facts: a parent→child reference, which the child does not return),
/// value-like peers (<c>NSString</c>, <c>UIColor</c>…), <c>[Weak]</c> and outlet members, and
/// everything that is not a peer (value types, <c>WeakReference&lt;T&gt;</c>). No code fix: turning
/// the member into a <c>WeakReference&lt;T&gt;</c> changes every read into a <c>TryGetTarget</c>
/// whose "gone" path only the author can write.
/// </summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN602NativePeerStrongReferenceAnalyzer : DiagnosticAnalyzer, ITypeEndRule
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN602);

    public override void Initialize(AnalysisContext context) => RuleFamilies.RegisterTypeEndRules(context, new ITypeEndRule[] { this });

    bool ITypeEndRule.TryPrepare(Compilation compilation, OwnershipModel model, out System.Action<SymbolAnalysisContext> atTypeEnd)
    {
        // Projects without Foundation.NSObject pay nothing.
        if (NativePeerTypes.TryCreate(compilation) is not { } peers)
        {
            atTypeEnd = null!;
            return false;
        }

        atTypeEnd = symbolEnd => AnalyzeType(symbolEnd, model, peers);
        return true;
    }

    private static void AnalyzeType(SymbolAnalysisContext context, OwnershipModel model, NativePeerTypes peers)
    {
        if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class } type || !peers.IsPeer(type)
            || type.Locations.Length == 0 || type.Locations[0].SourceTree is not { } tree)
        {
            return;
        }

        var ownership = model.GetTypeOwnership(type, OwnershipOptions.Get(context.Options, tree));
        if (ownership.HasErrors || type.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax(context.CancellationToken).ContainsDiagnostics))
        {
            return;
        }

        foreach (var field in type.GetMembers().OfType<IFieldSymbol>())
        {
            // A field, or the backing field of an auto-property (reported at the property).
            var member = field.AssociatedSymbol is IPropertySymbol property ? (ISymbol)property : field;
            if (field.IsStatic || field.IsConst || (field.IsImplicitlyDeclared && member is not IPropertySymbol) || member.Locations.Length == 0)
            {
                continue;
            }

            var held = field.Type;
            if (!peers.IsPeer(held) || peers.IsValueLike(held) || NativePeerTypes.HasSafeMemberAttribute(member) || IsOwnedChild(model, ownership, member))
            {
                continue;
            }

            context.ReportOwnership(Diagnostic.Create(Descriptors.OWN602, member.Locations[0], type.Name, held.Name, member.Name));
        }
    }

    /// <summary>
    /// Every value the type stores in the member is one it created: a child it owns. The parent→child
    /// reference is the one the view hierarchy expects; the child does not hold the parent.
    /// </summary>
    private static bool IsOwnedChild(OwnershipModel model, TypeOwnership ownership, ISymbol member)
    {
        var facts = ownership.Members.FirstOrDefault(m => SymbolEqualityComparer.Default.Equals(m.Member, member));
        return facts is { Assignments.Count: > 0 }
            && facts.Assignments.All(a => a.Origin == Origin.Created || model.Unwrap(a.Value) is IObjectCreationOperation);
    }
}
