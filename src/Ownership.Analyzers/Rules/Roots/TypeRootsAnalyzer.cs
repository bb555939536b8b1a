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
public abstract class TypeRootsAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var model = OwnershipModel.For(start.Compilation);
            TypeOwnershipAnalyzer.RegisterAtTypeEnd(start, model, symbolEnd => AnalyzeType(symbolEnd, model));
        });
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

        foreach (var subscription in roots.Subscriptions)
        {
            Analyze(context, subscription);
        }
    }

    private protected abstract void Analyze(SymbolAnalysisContext context, EventSubscription subscription);

    /// <summary>"'Clock.Tick'" for messages.</summary>
    private protected static string NameOf(IEventSymbol @event) => $"'{@event.ContainingType.Name}.{@event.Name}'";
}
