using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ownership.Analyzers.Model.Types;

/// <summary>
/// Process-lifetime owners (DESIGN §1, lifetimes: static outlives everything): a type whose only
/// instance is a <c>static readonly</c> field (or get-only static property) of its own type,
/// created by its initializer, with no constructor other code outside the assembly can call —
/// the <c>EventSource</c> pattern (<c>public static readonly Log = new();</c>), or the lazy form of it,
/// a <c>static readonly Lazy&lt;T&gt;</c> of its own type created by its initializer
/// (<c>static readonly Lazy&lt;Wheel&gt; instance = new(() => new Wheel());</c>). Its members live
/// as long as the process; nothing is lost by not releasing them. That initializer must be the only
/// place the compilation creates the type: a type other code of its assembly also creates
/// (an internal type with a public constructor) has instances that come and go.
/// </summary>
internal static class ProcessLifetime
{
    public static bool IsSingleton(INamedTypeSymbol type, SelfAttaching creations)
    {
        if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.InstanceConstructors.Any(TypeHierarchy.IsCallableFromOutside))
        {
            return false;
        }

        foreach (var member in type.GetMembers())
        {
            var (isCandidate, memberType) = member switch
            {
                IFieldSymbol { IsStatic: true, IsReadOnly: true, AssociatedSymbol: null } field => (true, field.Type),
                IPropertySymbol { IsStatic: true, SetMethod: null } property => (true, property.Type),
                _ => (false, null),
            };
            if (!isCandidate || !(IsOwnType(memberType, type) || IsLazyOfOwnType(memberType, type)))
            {
                continue;
            }

            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                var initializer = reference.GetSyntax() switch
                {
                    VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                    PropertyDeclarationSyntax property => property.Initializer?.Value,
                    _ => null,
                };
                if (initializer is BaseObjectCreationExpressionSyntax && creations.IsCreatedOnlyWithin(type, initializer))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsOwnType(ITypeSymbol? candidate, INamedTypeSymbol type)
        => SymbolEqualityComparer.Default.Equals(candidate?.OriginalDefinition, type.OriginalDefinition);

    private static bool IsLazyOfOwnType(ITypeSymbol? candidate, INamedTypeSymbol type)
        => candidate is INamedTypeSymbol { Name: "Lazy", Arity: 1, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } lazy
            && IsOwnType(lazy.TypeArguments[0], type);
}
