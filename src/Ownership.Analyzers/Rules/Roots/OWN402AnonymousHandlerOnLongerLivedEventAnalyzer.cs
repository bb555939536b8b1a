using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Model.Roots;

namespace Ownership.Analyzers.Rules.Roots;

/// <summary>
/// OWN402: a lambda or anonymous method that captures <c>this</c> is added to an event of a
/// publisher that outlives the instance. No expression can name that delegate again, so it can
/// never be removed, and the publisher keeps the instance alive.
/// </summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN402AnonymousHandlerOnLongerLivedEventAnalyzer : TypeRootsAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN402);

    private protected override void Analyze(SymbolAnalysisContext context, EventSubscription subscription, System.Func<bool> selfAttaching)
    {
        if (subscription is not { Kind: HandlerKind.AnonymousCapturingThis, Publisher.Outlives: true } || !subscription.Publisher.IsStatic && selfAttaching())
        {
            return;
        }

        context.ReportOwnership(Diagnostic.Create(
            Descriptors.OWN402,
            subscription.Operation.Syntax.GetLocation(),
            NameOf(subscription.Event),
            subscription.Publisher.Description));
    }
}
