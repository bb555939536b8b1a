using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model;
using Ownership.Analyzers.Model.Roots;
using Ownership.Analyzers.Model.Types;

namespace Ownership.Analyzers.Rules.Roots;

/// <summary>
/// OWN407: a delegate whose target is this instance (an instance method of the type, or a lambda
/// that captures <c>this</c>) is stored (<c>=</c> or <c>+=</c>, not an event) in a place that
/// outlives the instance: a static field or property, or a member of an injected or handed-in
/// object. That place keeps the instance alive.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OWN407LongLivedDelegateCapturesThisAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN407);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var model = OwnershipModel.For(start.Compilation);
            start.RegisterOperationAction(operation => Analyze(operation, model), OperationKind.SimpleAssignment, OperationKind.CompoundAssignment);
        });
    }

    private static void Analyze(OperationAnalysisContext context, OwnershipModel model)
    {
        var assignment = (IAssignmentOperation)context.Operation;
        if (assignment.Target is not IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol } target
            || target.Type?.TypeKind != TypeKind.Delegate
            || !RootsThisInstance(assignment.Value)
            || context.ContainingSymbol.ContainingType is not { TypeKind: TypeKind.Class } type
            || assignment.HasErrors(context.Compilation))
        {
            return;
        }

        PublisherRoot place;
        if (target.Member.IsStatic)
        {
            place = new PublisherRoot(Lifetime.Outlives, $"'{target.Member.ContainingType.Name}.{target.Member.Name}' is static");
        }
        else
        {
            // Bodies of this tree are read through the driver's semantic model, not bound a second time.
            model.Summaries.Adopt(assignment.SemanticModel);
            var options = OwnershipOptions.Get(context.Options, assignment.Syntax.SyntaxTree);
            var subscriber = type.DeclaringSyntaxReferences.Length > 0 ? model.GetTypeOwnership(type, options) : TypeOwnership.Unknown;
            if (subscriber.HasErrors && subscriber != TypeOwnership.Unknown)
            {
                return;
            }

            place = PublisherLifetime.Of(target.Instance, subscriber, model.Knowledge.Roots, RootedBy.Instance);
        }

        if (!place.Outlives)
        {
            return;
        }

        context.ReportOwnership(Diagnostic.Create(
            Descriptors.OWN407,
            assignment.Syntax.GetLocation(),
            target.Member.Name,
            place.Description));
    }

    private static bool RootsThisInstance(IOperation value)
        => TypeRoots.Unwrap(value) switch
        {
            IMethodReferenceOperation { Method.IsStatic: false, Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } => true,
            IAnonymousFunctionOperation lambda => TypeRoots.CapturesThis(lambda),
            _ => false,
        };
}
