using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;

namespace Ownership.Analyzers.Rules.Cycles;

/// <summary>
/// OWN603: events between native peers. (1) A peer declares a public field-like instance event: its
/// subscribers — typically the parent peer — are kept alive by the child's delegate while the parent
/// keeps the child. (2) A peer subscribes an instance method of its own, or a lambda that captures
/// <c>this</c>, to an instance event of another peer: the other peer's delegate now references this
/// one. Allowed: static methods and lambdas that capture nothing of <c>this</c>, the type's own
/// events, events with explicit add/remove accessors (a weak event), non-peer publishers.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OWN603NativePeerInstanceEventAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN603);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            // Projects without Foundation.NSObject pay nothing.
            if (NativePeerTypes.TryCreate(start.Compilation) is not { } peers)
            {
                return;
            }

            start.RegisterSymbolAction(symbol => AnalyzeEvent(symbol, peers), SymbolKind.Event);
            start.RegisterOperationAction(operation => AnalyzeSubscription(operation, peers), OperationKind.EventAssignment);
        });
    }

    private static void AnalyzeEvent(SymbolAnalysisContext context, NativePeerTypes peers)
    {
        if (context.Symbol is not IEventSymbol { IsStatic: false, IsAbstract: false, DeclaredAccessibility: Accessibility.Public } @event
            || !peers.IsPeer(@event.ContainingType) || @event.Locations.Length == 0
            || @event.ContainingType.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax(context.CancellationToken).ContainsDiagnostics))
        {
            return;
        }

        // Field-like: declared without add/remove, so the compiler stores every handler strongly.
        var fieldLike = @event.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax(context.CancellationToken) is VariableDeclaratorSyntax { Parent.Parent: EventFieldDeclarationSyntax });
        if (!fieldLike)
        {
            return;
        }

        var message = $"Native peer '{@event.ContainingType.Name}' exposes the field-like event '{@event.Name}': its delegate keeps every subscriber alive, and a parent peer that subscribes closes a cycle through native code; use a weak event or a static handler";
        context.ReportOwnership(Diagnostic.Create(Descriptors.OWN603, @event.Locations[0], message));
    }

    private static void AnalyzeSubscription(OperationAnalysisContext context, NativePeerTypes peers)
    {
        if (context.Operation is not IEventAssignmentOperation { Adds: true } subscription
            || context.ContainingSymbol.ContainingType is not { } subscriber || !peers.IsPeer(subscriber)
            || subscription.EventReference is not IEventReferenceOperation { Event.IsStatic: false, Instance: { } publisher } reference
            || publisher is IInstanceReferenceOperation || !peers.IsPeer(publisher.Type)
            || HasInvalidCode(subscription))
        {
            return;
        }

        var handler = DescribeInstanceHandler(subscription.HandlerValue);
        if (handler is null)
        {
            return;
        }

        var message = $"Native peer '{subscriber.Name}' subscribes {handler} to '{publisher.Type!.Name}.{reference.Event.Name}': the other peer's delegate now holds '{subscriber.Name}' strongly, a cycle through native code the garbage collector cannot break; use a static handler or a weak event";
        context.ReportOwnership(Diagnostic.Create(Descriptors.OWN603, subscription.Syntax.GetLocation(), message));
    }

    /// <summary>"its instance method 'OnTap'" or "a lambda that captures 'this'"; null for a handler that holds nothing of this object.</summary>
    private static string? DescribeInstanceHandler(IOperation handler)
    {
        while (handler is IConversionOperation or IDelegateCreationOperation or IParenthesizedOperation)
        {
            handler = handler switch
            {
                IConversionOperation conversion => conversion.Operand,
                IDelegateCreationOperation creation => creation.Target,
                IParenthesizedOperation parenthesized => parenthesized.Operand,
                _ => handler,
            };
        }

        switch (handler)
        {
            case IMethodReferenceOperation { Method.IsStatic: false, Method.MethodKind: not MethodKind.LocalFunction, Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } method:
                return $"its instance method '{method.Method.Name}'";
            case IAnonymousFunctionOperation { Symbol.IsStatic: false } lambda when CapturesThis(lambda):
                return "a lambda that captures 'this'";
            default:
                return null;
        }
    }

    private static bool CapturesThis(IAnonymousFunctionOperation lambda)
        => lambda.Body.DescendantsAndSelf().Any(operation => operation is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance });

    private static bool HasInvalidCode(IOperation operation)
    {
        var root = operation;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        return root.Syntax.ContainsDiagnostics || root.DescendantsAndSelf().Any(o => o.Kind == OperationKind.Invalid);
    }
}
