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
/// OWN404: the token returned by a subscription API (<c>IObservable&lt;T&gt;.Subscribe</c>,
/// <c>CancellationToken.Register</c>, <c>IOptionsMonitor.OnChange</c>, <c>ChangeToken.OnChange</c>,
/// <c>IChangeToken.RegisterChangeCallback</c>) is dropped while its source outlives the method:
/// nothing can ever undo the subscription. Results the model already calls created
/// (<c>[MustDisposeResource]</c>, a source summary) are OWN102's.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OWN404SubscriptionTokenIgnoredAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN404);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var model = OwnershipModel.For(start.Compilation);
            var roots = model.Knowledge.Roots;
            if (roots.IObservableOfT is null && roots.CancellationToken is null && roots.IOptionsMonitorOfT is null && roots.ChangeToken is null && roots.IChangeToken is null)
            {
                return;
            }

            start.RegisterOperationAction(operation => Analyze(operation, model), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, OwnershipModel model)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var roots = model.Knowledge.Roots;
        var kind = roots.GetSubscriptionKind(invocation.TargetMethod);
        if (kind == SubscriptionKind.None || !IsDropped(invocation) || invocation.HasErrors(context.Compilation)
            || invocation.Syntax.SyntaxTree is not { } tree)
        {
            return;
        }

        var options = OwnershipOptions.Get(context.Options, tree);
        if (model.GetCreatedResourceType(invocation, options) is not null)
        {
            // The model says the caller owns the result: OWN102 reports the discard.
            return;
        }

        if (kind != SubscriptionKind.TokenRegister && !RootsThisInstance(invocation))
        {
            // An observable may complete (and detach), a monitor may be subscribed for the process:
            // what makes the dropped token a leak is a callback that keeps a shorter-lived instance alive.
            // Register is the exception: each call adds its callback (and captured state) to the token.
            return;
        }

        var publisher = PublisherOf(invocation, kind, context.ContainingSymbol, model, options);
        if (!publisher.Outlives)
        {
            return;
        }

        context.ReportOwnership(Diagnostic.Create(
            Descriptors.OWN404,
            invocation.Syntax.GetLocation(),
            $"{invocation.TargetMethod.ContainingType.Name}.{invocation.TargetMethod.Name}",
            publisher.Description));
    }

    private static PublisherRoot PublisherOf(IInvocationOperation invocation, SubscriptionKind kind, ISymbol containing, OwnershipModel model, OwnershipOptions options)
    {
        if (kind == SubscriptionKind.ChangeTokenOnChange)
        {
            // The producer is called again on every change: the registration lives as long as the
            // change source (configuration, a file provider). In a static member nothing shorter-lived is rooted.
            return containing.IsStatic || containing.ContainingType is null
                ? PublisherRoot.Unknown
                : new PublisherRoot(Lifetime.Outlives, "'ChangeToken.OnChange' re-registers its callbacks on every change of the source");
        }

        var receiver = invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
        if (receiver is null || IsNeverCanceled(model.Unwrap(receiver), model.Knowledge.Roots))
        {
            return PublisherRoot.Unknown;
        }

        var type = containing.ContainingType;
        model.Summaries.Adopt(invocation.SemanticModel);
        var subscriber = type is { DeclaringSyntaxReferences.Length: > 0 } ? model.GetTypeOwnership(type, options) : TypeOwnership.Unknown;
        if (subscriber.HasErrors && subscriber != TypeOwnership.Unknown)
        {
            return PublisherRoot.Unknown;
        }

        return PublisherLifetime.Of(receiver, subscriber, model.Knowledge.Roots, kind == SubscriptionKind.TokenRegister ? RootedBy.Method : RootedBy.Instance);
    }

    /// <summary>An argument is <c>this</c>, an instance method of this type, or a lambda that captures <c>this</c>.</summary>
    private static bool RootsThisInstance(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            switch (TypeRoots.Unwrap(argument.Value))
            {
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                case IMethodReferenceOperation { Method.IsStatic: false, Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } }:
                    return true;
                case IAnonymousFunctionOperation lambda when TypeRoots.CapturesThis(lambda):
                    return true;
            }
        }

        return false;
    }

    /// <summary><c>CancellationToken.None</c> and <c>default</c>: Register on them roots nothing.</summary>
    private static bool IsNeverCanceled(IOperation? token, RootKnowledge roots)
        => token is IDefaultValueOperation
            || (token is IMemberReferenceOperation { Member.IsStatic: true } member && SymbolEqualityComparer.Default.Equals(member.Member.ContainingType, roots.CancellationToken));

    /// <summary>The result is thrown away: an expression statement, or <c>_ = …</c>.</summary>
    private static bool IsDropped(IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            operation = parent;
            parent = parent.Parent;
        }

        return parent is IExpressionStatementOperation
            || (parent is ISimpleAssignmentOperation { Target: IDiscardOperation } assignment && assignment.Value == operation);
    }
}
