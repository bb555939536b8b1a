using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ownership.Analyzers.Rules.Types;

/// <summary>
/// OWN209: a public Dispose() (or DisposeAsync()) on a class or struct that does not implement
/// IDisposable (IAsyncDisposable). Ref structs are exempt: their pattern-based Dispose is the contract.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OWN209DisposeWithoutInterfaceAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN209);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSymbolAction(Analyze, SymbolKind.Method);
    }

    private static void Analyze(SymbolAnalysisContext context)
    {
        if (context.Symbol is not IMethodSymbol { DeclaredAccessibility: Accessibility.Public, IsOverride: false } method
            || method.ContainingType is not { TypeKind: TypeKind.Class or TypeKind.Struct, IsRefLikeType: false } type)
        {
            return;
        }

        string @interface;
        if (DisposePattern.IsParameterless(method, "Dispose") && method.ReturnsVoid)
        {
            @interface = "System.IDisposable";
        }
        else if (DisposePattern.IsParameterless(method, "DisposeAsync") && method.ReturnType is INamedTypeSymbol { Name: "ValueTask", IsGenericType: false })
        {
            @interface = "System.IAsyncDisposable";
        }
        else
        {
            return;
        }

        if (DisposePattern.Implements(type, @interface))
        {
            return;
        }

        if (@interface == "System.IAsyncDisposable" && IsAsyncEnumeratorByPattern(type))
        {
            // `await foreach` disposes a pattern-based enumerator (MoveNextAsync, Current) through
            // its DisposeAsync method, interface or not.
            return;
        }

        // The interface cannot be resolved (a missing reference), or the base list names it in a
        // spelling that does not bind (a broken `using`): the code is not finished, stay silent.
        var resolved = @interface == "System.IDisposable"
            ? context.Compilation.GetSpecialType(SpecialType.System_IDisposable)
            : context.Compilation.GetTypeByMetadataName(@interface);
        if (resolved is null || resolved.TypeKind == TypeKind.Error || DisposePattern.BaseListNames(type, @interface.Substring("System.".Length)))
        {
            return;
        }

        // Another interface of the type may declare it (a custom IReleasable.Dispose()).
        if (type.AllInterfaces.Any(i => i.GetMembers(method.Name).Any(m => SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(m), method))))
        {
            return;
        }

        // A type no other assembly can see is released only by code its authors wrote (a direct
        // call, or pattern-based `await using`): no interface-based release can miss it.
        if (!Model.Types.TypeHierarchy.IsVisibleOutside(type))
        {
            return;
        }

        // An abstract base whose derived types all implement the interface (FASTER's
        // ScanIteratorBase under iterators that are IDisposable): its Dispose is theirs.
        if (type.IsAbstract && AllDerivedImplement(context.Compilation, type, resolved))
        {
            return;
        }

        // A mutable struct is held in a field or a local and released through it (R3's
        // SerialDisposableCore, SwapListCore): through the interface it would be a boxed copy whose
        // Dispose leaves the original as it was, so implementing the interface is the wrong advice.
        if (type.TypeKind == TypeKind.Struct && !type.IsReadOnly
            && type.GetMembers().Any(m => m is IFieldSymbol { IsStatic: false, IsReadOnly: false, IsConst: false }))
        {
            return;
        }

        // A Dispose() that releases nothing (empty, or only sets a flag) loses nothing by never being called.
        if (Model.OwnershipModel.For(context.Compilation).Disposal.MethodReleasesNothing(method))
        {
            return;
        }

        context.ReportOwnership(Diagnostic.Create(Descriptors.OWN209, method.Locations[0], type.Name, method.Name + "()", @interface.Substring("System.".Length)));
    }

    private static bool IsAsyncEnumeratorByPattern(INamedTypeSymbol type)
        => type.GetMembers("MoveNextAsync").OfType<IMethodSymbol>().Any(m => !m.IsStatic && m.Parameters.Length == 0 && m.DeclaredAccessibility == Accessibility.Public)
            && type.GetMembers("Current").OfType<IPropertySymbol>().Any(p => !p.IsStatic && p.GetMethod is not null && p.DeclaredAccessibility == Accessibility.Public);

    private static bool AllDerivedImplement(Compilation compilation, INamedTypeSymbol type, INamedTypeSymbol @interface)
    {
        var hierarchy = Model.OwnershipModel.For(compilation).Hierarchy;
        return hierarchy.IsDerivedFromHere(type)
            && hierarchy.AllDerived(type, derived => derived.IsAbstract || derived.AllInterfaces.Contains(@interface, SymbolEqualityComparer.Default));
    }
}
