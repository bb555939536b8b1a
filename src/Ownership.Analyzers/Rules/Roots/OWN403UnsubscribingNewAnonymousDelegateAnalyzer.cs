using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Model;
using Ownership.Analyzers.Model.Roots;

namespace Ownership.Analyzers.Rules.Roots;

/// <summary>
/// OWN403: <c>publisher.Event -= (s, e) =&gt; …</c> removes a delegate created on the spot, which
/// was never added (delegates of two lambda expressions are never equal): the removal does
/// nothing and the handler that was added stays subscribed.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OWN403UnsubscribingNewAnonymousDelegateAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN403);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(Analyze, OperationKind.EventAssignment);
    }

    private static void Analyze(OperationAnalysisContext context)
    {
        if (context.Operation is not IEventAssignmentOperation { Adds: false, EventReference: IEventReferenceOperation reference } removal
            || TypeRoots.Unwrap(removal.HandlerValue) is not IAnonymousFunctionOperation lambda
            || removal.HasErrors(context.Compilation))
        {
            return;
        }

        context.ReportOwnership(Diagnostic.Create(
            Descriptors.OWN403,
            lambda.Syntax.GetLocation(),
            $"{reference.Event.ContainingType.Name}.{reference.Event.Name}"));
    }
}
