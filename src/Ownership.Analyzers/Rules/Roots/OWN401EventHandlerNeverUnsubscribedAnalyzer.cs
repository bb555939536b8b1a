using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Model.Roots;

namespace Ownership.Analyzers.Rules.Roots;

/// <summary>
/// OWN401: an instance method of the type is added to an event of a publisher that outlives the
/// instance (a static event, a static member, an injected or handed-in object), and the type never
/// removes it: the publisher keeps the instance alive.
/// </summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN401EventHandlerNeverUnsubscribedAnalyzer : TypeRootsAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN401);

    private protected override void Analyze(SymbolAnalysisContext context, EventSubscription subscription, System.Func<bool> selfAttaching)
    {
        if (subscription is not { Kind: HandlerKind.InstanceMethod, Handler: { } handler, IsUndone: false, Publisher.Outlives: true } || !subscription.Publisher.IsStatic && selfAttaching())
        {
            return;
        }

        context.ReportOwnership(Diagnostic.Create(
            Descriptors.OWN401,
            subscription.Operation.Syntax.GetLocation(),
            handler.Name,
            NameOf(subscription.Event),
            subscription.Publisher.Description));
    }
}
