using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Model;

namespace Ownership.Analyzers.Rules.Locals;

/// <summary>
/// OWN102: a resource is created and never stored anywhere — dropped by an expression statement,
/// a discard, an argument to a non-owning parameter, or a call on a temporary.
/// </summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN102CreatedResourceDiscardedAnalyzer : MethodOwnershipAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN102);

    private protected override void Analyze(OperationBlockAnalysisContext context, OwnershipModel model, FunctionOwnership function)
    {
        foreach (var allocation in function.Allocations)
        {
            if (!allocation.IsDisposable || allocation.Loss != LossKind.LeftOwned || allocation.Local is not null)
            {
                continue;
            }

            context.ReportOwnership(Diagnostic.Create(
                Descriptors.OWN102,
                allocation.Creation.Syntax.GetLocation(),
                allocation.Type.Name,
                DescribeDiscard(allocation.Creation)));
        }
    }

    private static string DescribeDiscard(IOperation creation)
    {
        IOperation current = creation;
        var parent = current.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation or IAwaitOperation)
        {
            current = parent;
            parent = parent.Parent;
        }

        switch (parent)
        {
            case null:
            case IExpressionStatementOperation:
                return "the statement drops it";
            case ISimpleAssignmentOperation { Target: IDiscardOperation }:
                return "it is assigned to a discard";
            case IArgumentOperation { Parameter: { } parameter, Parent: IInvocationOperation invocation }:
                return $"'{invocation.TargetMethod.Name}' does not take ownership of '{parameter.Name}'";
            case IInvocationOperation invocation when invocation.Instance == current:
                return $"'{invocation.TargetMethod.Name}' is called on a temporary that is never released";
            case IPropertyReferenceOperation property when property.Instance == current:
                return $"'{property.Property.Name}' is read from a temporary that is never released";
            default:
                return "it is never stored, returned or released";
        }
    }
}
