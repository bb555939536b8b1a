using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Model;

namespace Ownership.Analyzers.Rules.Locals;

/// <summary>
/// OWN106: a member returns a resource it created through a type that is not disposable (the
/// caller cannot see the duty to release it), or a property creates a new resource on every get.
/// </summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN106ResourceReturnedThroughNonDisposableAnalyzer : MethodOwnershipAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN106);

    private protected override void Analyze(OperationBlockAnalysisContext context, OwnershipModel model, FunctionOwnership function)
    {
        var method = function.Function;
        if (method is null || method.MethodKind is MethodKind.AnonymousFunction or MethodKind.LocalFunction)
        {
            // Lambdas are mostly factories handed to a container that owns what they return.
            return;
        }

        foreach (var allocation in function.Allocations)
        {
            if (!allocation.IsDisposable || allocation.Loss != LossKind.None || allocation.Transfers != TransferKinds.Returned)
            {
                continue;
            }

            if (HasFixedReturnType(method))
            {
                // An override or an interface implementation cannot choose its return type
                // (object ICloneable.Clone(), IEnumerable<T>.GetEnumerator()), nor can a property
                // that implements an interface's property become a method.
                continue;
            }

            if (method.MethodKind == MethodKind.PropertyGet && method.AssociatedSymbol is IPropertySymbol property)
            {
                context.ReportOwnership(Diagnostic.Create(
                    Descriptors.OWN106,
                    allocation.Creation.Syntax.GetLocation(),
                    $"Property '{property.Name}' creates a new '{allocation.Type.Name}' on every get; make it a method so callers see they own the result"));
                continue;
            }

            var returnType = method.IsAsync ? model.Knowledge.Types.GetAwaitedResultType(method.ReturnType) ?? method.ReturnType : method.ReturnType;
            if (returnType.TypeKind is TypeKind.TypeParameter or TypeKind.Error || model.Knowledge.IsResourceType(returnType)
                || model.Knowledge.Types.GetAwaitedResultType(returnType) is { } awaited && model.Knowledge.IsResourceType(awaited)
                || method.ReturnsVoid)
            {
                continue;
            }

            if (allocation.Type is INamedTypeSymbol created && model.Summaries.ReleasableThrough(created, returnType))
            {
                // Returned as a PipeReader whose Complete() the created reader overrides to dispose itself.
                continue;
            }

            context.ReportOwnership(Diagnostic.Create(
                Descriptors.OWN106,
                allocation.Creation.Syntax.GetLocation(),
                $"'{method.Name}' returns a created '{allocation.Type.Name}' typed as '{returnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}': callers cannot see that they must release it"));
        }
    }

    /// <summary>The return type is the base's or an interface's: an override, an explicit or implicit interface implementation.</summary>
    private static bool HasFixedReturnType(IMethodSymbol method)
    {
        if (method.IsOverride || !method.ExplicitInterfaceImplementations.IsEmpty)
        {
            return true;
        }

        foreach (var @interface in method.ContainingType.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
