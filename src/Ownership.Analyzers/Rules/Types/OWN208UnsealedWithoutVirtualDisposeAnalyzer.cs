using Microsoft.CodeAnalysis.Operations;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Model.Types;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ownership.Analyzers.Rules.Types;

/// <summary>
/// OWN208 (info): a disposable class that can be derived from offers derived types no virtual
/// Dispose(bool) (or DisposeAsyncCore for IAsyncDisposable) and no virtual Dispose().
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OWN208UnsealedWithoutVirtualDisposeAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN208);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var hierarchy = Model.OwnershipModel.For(start.Compilation).Hierarchy;
            start.RegisterSymbolAction(symbol => Analyze(symbol, hierarchy), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, TypeHierarchy hierarchy)
    {
        if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class, IsSealed: false, IsStatic: false, IsRecord: false } type)
        {
            return;
        }

        if (type.InstanceConstructors.All(c => c.DeclaredAccessibility == Accessibility.Private && !c.IsImplicitlyDeclared) && type.GetTypeMembers().IsEmpty)
        {
            // Only private constructors and no nested type: nothing can derive from it.
            return;
        }

        if (!TypeHierarchy.IsOpen(type) && !hierarchy.IsDerivedFromHere(type))
        {
            // Nothing derives from it here and nothing can elsewhere: no derived release can be lost.
            return;
        }

        var sync = DisposePattern.Implements(type, "System.IDisposable");
        var async = DisposePattern.Implements(type, "System.IAsyncDisposable");
        if (!sync && !async)
        {
            return;
        }

        // Only the type that introduces the disposal shape is asked; derived types inherit its answer.
        var methods = type.GetMembers().OfType<IMethodSymbol>().ToList();
        var declaresDispose = methods.Any(m => DisposePattern.IsParameterless(m, "Dispose") || m.Name == "System.IDisposable.Dispose"
            || DisposePattern.IsParameterless(m, "DisposeAsync") || m.Name == "System.IAsyncDisposable.DisposeAsync");
        if (!declaresDispose || methods.Any(m => m.IsOverride && (DisposePattern.IsDisposeBool(m) || m.Name is "Dispose" or "DisposeAsync" or "DisposeAsyncCore")))
        {
            return;
        }

        // A hook declared here or inherited (Stream's virtual Dispose(bool)) lets derived types release.
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetMembers().OfType<IMethodSymbol>().Any(m => DisposePattern.IsExtensible(m)
                && (DisposePattern.IsDisposeBool(m) || DisposePattern.IsParameterless(m, "Dispose") || DisposePattern.IsParameterless(m, "DisposeAsyncCore") || DisposePattern.IsParameterless(m, "DisposeAsync"))))
            {
                return;
            }
        }

        if (CallsOverridableHook(context.Compilation, methods))
        {
            // `public void Dispose() { …; DisposeCore(); }` with `protected virtual void DisposeCore()`:
            // a hook by another name, which derived types override to release their own.
            return;
        }

        if (hierarchy.NoDerivedTypeNeeds(type, hierarchy.HasStateToRelease))
        {
            // Closed, and every type here that derives from it has nothing of its own to release.
            return;
        }

        var hook = sync ? "void Dispose(bool disposing)" : "ValueTask DisposeAsyncCore()";
        context.ReportOwnership(Diagnostic.Create(Descriptors.OWN208, type.Locations[0], type.Name, hook));
    }

    /// <summary>The type's Dispose()/DisposeAsync() calls a parameterless, overridable instance method of its own on this instance.</summary>
    private static bool CallsOverridableHook(Compilation compilation, System.Collections.Generic.List<IMethodSymbol> methods)
    {
        var summaries = Model.OwnershipModel.For(compilation).Summaries;
        foreach (var dispose in methods.Where(m => DisposePattern.IsParameterless(m, "Dispose") || DisposePattern.IsParameterless(m, "DisposeAsync")))
        {
            if (summaries.GetBodyOf(dispose) is not { } body)
            {
                continue;
            }

            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is Microsoft.CodeAnalysis.Operations.IInvocationOperation
                    {
                        Instance: Microsoft.CodeAnalysis.Operations.IInstanceReferenceOperation,
                        TargetMethod: { IsStatic: false, Parameters.Length: 0, DeclaredAccessibility: Accessibility.Protected or Accessibility.ProtectedOrInternal or Accessibility.Public } hook,
                    }
                    && DisposePattern.IsExtensible(hook)
                    && SymbolEqualityComparer.Default.Equals(hook.ContainingType.OriginalDefinition, dispose.ContainingType.OriginalDefinition))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
