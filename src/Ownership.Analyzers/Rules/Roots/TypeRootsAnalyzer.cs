using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model;
using Ownership.Analyzers.Model.Roots;

namespace Ownership.Analyzers.Rules.Roots;

/// <summary>
/// The plumbing shared by the root rules that read a type's subscriptions (OWN401, OWN402): one
/// model per compilation, the model's roots per type. Silent for a type with invalid code.
/// </summary>
#pragma warning disable RS1025, RS1026 // RuleFamilies configures the context
public abstract class TypeRootsAnalyzer : DiagnosticAnalyzer, ITypeEndRule
{
    public sealed override void Initialize(AnalysisContext context) => RuleFamilies.RegisterTypeEndRules(context, new ITypeEndRule[] { this });

    bool ITypeEndRule.TryPrepare(Compilation compilation, OwnershipModel model, out System.Action<SymbolAnalysisContext> atTypeEnd)
    {
        atTypeEnd = symbolEnd => AnalyzeType(symbolEnd, model);
        return true;
    }

    private void AnalyzeType(SymbolAnalysisContext context, OwnershipModel model)
    {
        if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class, IsStatic: false } type
            || type.Locations.Length == 0 || type.Locations[0].SourceTree is not { } tree)
        {
            return;
        }

        var roots = model.GetTypeRoots(type, OwnershipOptions.Get(context.Options, tree));
        if (roots.Ownership.HasErrors || roots.Subscriptions.IsEmpty)
        {
            return;
        }

        // Asked only when a subscription would be reported: whether the instances live exactly as long as what they attach to.
        var selfAttaching = new System.Lazy<bool>(() => model.SelfAttaching.IsSelfAttaching(type));
        foreach (var subscription in roots.Subscriptions)
        {
            Analyze(context, subscription, () => selfAttaching.Value);
        }
    }

    /// <summary>
    /// Reports what the rule finds in one subscription. <paramref name="selfAttaching"/>: every
    /// instance of the subscriber is created and dropped at once (<see cref="Model.Types.SelfAttaching"/>),
    /// so a publisher that is not static keeping it alive is its design, not a leak.
    /// </summary>
    private protected abstract void Analyze(SymbolAnalysisContext context, EventSubscription subscription, System.Func<bool> selfAttaching);

    /// <summary>"'Clock.Tick'" for messages.</summary>
    private protected static string NameOf(IEventSymbol @event) => $"'{@event.ContainingType.Name}.{@event.Name}'";
}
