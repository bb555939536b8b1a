using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Ownership.Analyzers.Model.Types;

/// <summary>
/// Self-attaching types (DESIGN §1, lifetimes): a class whose every instance is created and
/// dropped at once — <c>new CachingContext(client, options).Start();</c> — so that nothing but
/// what it attaches itself to (the publisher whose events it handles, the client whose
/// interceptors hold it) ever references it. Its lifetime is that publisher's by design: a
/// publisher that is not static "outliving" it (OWN401, OWN402) loses nothing. Its members are
/// another matter (a timer it owns is rooted by the timer queue, not by the publisher), so the
/// type rules still judge them.
/// Only types no other assembly can create (no constructor callable from outside) are judged,
/// and only when the compilation creates them at least once.
/// The creation sites are found by a syntax pass over the compilation, once, the first time a
/// type is asked about (rules ask only when they would report), and bound only for that type.
/// </summary>
internal sealed class SelfAttaching
{
    private readonly OwnershipModel _model;
    private readonly Lazy<(Dictionary<string, List<ObjectCreationExpressionSyntax>> Named, List<ImplicitObjectCreationExpressionSyntax> Implicit)> _creations;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<INamedTypeSymbol, bool> _answers = new(SymbolEqualityComparer.Default);
    private readonly Lazy<Dictionary<INamedTypeSymbol, List<ImplicitObjectCreationExpressionSyntax>>> _implicitlyCreated;

    public SelfAttaching(OwnershipModel model)
    {
        _model = model;
        _creations = new(Collect, LazyThreadSafetyMode.ExecutionAndPublication);
        _implicitlyCreated = new(BindImplicitCreations, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Every target-typed <c>new(…)</c> of the compilation by the type it creates, bound once.</summary>
    private Dictionary<INamedTypeSymbol, List<ImplicitObjectCreationExpressionSyntax>> BindImplicitCreations()
    {
        var types = new Dictionary<INamedTypeSymbol, List<ImplicitObjectCreationExpressionSyntax>>(SymbolEqualityComparer.Default);
        foreach (var site in _creations.Value.Implicit)
        {
            if (_model.Summaries.SemanticModelFor(site.SyntaxTree)?.GetOperation(site) is IObjectCreationOperation { Type: INamedTypeSymbol created })
            {
                if (!types.TryGetValue(created.OriginalDefinition, out var sites))
                {
                    types[created.OriginalDefinition] = sites = new List<ImplicitObjectCreationExpressionSyntax>();
                }

                sites.Add(site);
            }
        }

        return types;
    }

    /// <summary>
    /// Every creation of <paramref name="type"/> in the compilation (<c>new T(…)</c> or a target-typed
    /// <c>new(…)</c>) lies inside <paramref name="scope"/>, and there is one: the process-lifetime
    /// singleton's initializer is its only instance (<see cref="ProcessLifetime"/>). The same
    /// compilation-wide index of creation sites as the self-attaching question, built once.
    /// </summary>
    public bool IsCreatedOnlyWithin(INamedTypeSymbol type, SyntaxNode scope)
    {
        type = type.OriginalDefinition;
        var any = false;
        if (_creations.Value.Named.TryGetValue(type.Name, out var sites))
        {
            foreach (var site in sites)
            {
                if (_model.Summaries.SemanticModelFor(site.SyntaxTree)?.GetOperation(site) is not IObjectCreationOperation { Type: { } created }
                    || !SymbolEqualityComparer.Default.Equals(created.OriginalDefinition, type))
                {
                    continue;
                }

                if (!Within(site, scope))
                {
                    return false;
                }

                any = true;
            }
        }

        if (_implicitlyCreated.Value.TryGetValue(type, out var implicitSites))
        {
            foreach (var site in implicitSites)
            {
                if (!Within(site, scope))
                {
                    return false;
                }

                any = true;
            }
        }

        return any;
    }

    private static bool Within(SyntaxNode site, SyntaxNode scope) => site.SyntaxTree == scope.SyntaxTree && scope.Span.Contains(site.Span);

    public bool IsSelfAttaching(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsStatic || type.InstanceConstructors.Any(TypeHierarchy.IsCallableFromOutside))
        {
            return false;
        }

        return _answers.GetOrAdd(type.OriginalDefinition, Compute);
    }

    private bool Compute(INamedTypeSymbol type)
    {
        var named = _creations.Value.Named;
        var any = false;
        if (named.TryGetValue(type.Name, out var sites))
        {
            foreach (var site in sites)
            {
                if (_model.Summaries.SemanticModelFor(site.SyntaxTree)?.GetOperation(site) is not IObjectCreationOperation { Type: { } created } creation
                    || !SymbolEqualityComparer.Default.Equals(created.OriginalDefinition, type))
                {
                    continue;
                }

                if (!IsDroppedAtOnce(site) || !ArgumentsComeFromTheCaller(creation))
                {
                    return false;
                }

                any = true;
            }
        }

        // `Ctx c = new(…)` is always stored or passed: any implicit creation of the type is a reference kept.
        return any && !_implicitlyCreated.Value.ContainsKey(type);
    }

    /// <summary>
    /// Every object the instance is built from is handed in by the creating method's caller (or
    /// is a constant): `UseCaching(this Client client) => new CachingContext(client).Start()` attaches
    /// once per client its caller chooses. Built from the creator's own member
    /// (`new RequestLogger(_bus).Start()` on every request), each call would attach one more
    /// instance to the same long-lived publisher: not self-attaching.
    /// </summary>
    private static bool ArgumentsComeFromTheCaller(IObjectCreationOperation creation)
    {
        foreach (var argument in creation.Arguments)
        {
            var value = argument.Value;
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            if (value is not (IParameterReferenceOperation or ILiteralOperation or IDefaultValueOperation) && value.Type is not { IsValueType: true })
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>`new T(…);` or `new T(…).Start();` (also awaited): the value is referenced by nothing after the statement.</summary>
    private static bool IsDroppedAtOnce(ExpressionSyntax creation)
    {
        SyntaxNode current = creation;
        while (current.Parent is ParenthesizedExpressionSyntax)
        {
            current = current.Parent;
        }

        while (current.Parent is MemberAccessExpressionSyntax access && access.Expression == current
            && access.Parent is InvocationExpressionSyntax invocation && invocation.Expression == access)
        {
            current = invocation;
            if (current.Parent is AwaitExpressionSyntax awaited)
            {
                current = awaited;
            }
        }

        return current.Parent is ExpressionStatementSyntax
            || current.Parent is ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax { ReturnType: PredefinedTypeSyntax { Keyword.ValueText: "void" } } or LocalFunctionStatementSyntax { ReturnType: PredefinedTypeSyntax { Keyword.ValueText: "void" } } or ConstructorDeclarationSyntax };
    }

    private (Dictionary<string, List<ObjectCreationExpressionSyntax>>, List<ImplicitObjectCreationExpressionSyntax>) Collect()
    {
        var named = new Dictionary<string, List<ObjectCreationExpressionSyntax>>(StringComparer.Ordinal);
        var implicitCreations = new List<ImplicitObjectCreationExpressionSyntax>();
        foreach (var tree in _model.Compilation.SyntaxTrees)
        {
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                switch (node)
                {
                    case ObjectCreationExpressionSyntax creation when NameOf(creation.Type) is { } name:
                        if (!named.TryGetValue(name, out var list))
                        {
                            named[name] = list = new List<ObjectCreationExpressionSyntax>();
                        }

                        list.Add(creation);
                        break;
                    case ImplicitObjectCreationExpressionSyntax implicitCreation:
                        implicitCreations.Add(implicitCreation);
                        break;
                }
            }
        }

        return (named, implicitCreations);
    }

    private static string? NameOf(TypeSyntax type) => type switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => null,
    };
}
