using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ownership.Analyzers.CodeFixes.Types;

/// <summary>
/// The statement that releases one member of a type, as the OWN201 and OWN202 fixes write it:
/// <c>_x?.Dispose();</c> when the member can be null, <c>((System.IDisposable)_x).Dispose();</c>
/// when Dispose is implemented explicitly, <c>await _x.DisposeAsync();</c> for a member that is
/// only async-disposable.
/// </summary>
internal static class MemberRelease
{
    /// <summary>A blank line before a new member, in the document's own line ending.</summary>
    public static SyntaxTriviaList BlankLine(SyntaxNode root)
    {
        var newLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var endOfLine = newLine.IsKind(SyntaxKind.EndOfLineTrivia) ? newLine : SyntaxFactory.EndOfLine("\n");
        return SyntaxFactory.TriviaList(endOfLine);
    }

    public static bool IsAsyncOnly(ITypeSymbol type, Compilation compilation)
    {
        var sync = compilation.GetSpecialType(SpecialType.System_IDisposable);
        var async = compilation.GetTypeByMetadataName("System.IAsyncDisposable");
        return async is not null && Implements(type, async) && !Implements(type, sync);
    }

    public static bool Implements(ITypeSymbol type, INamedTypeSymbol @interface)
        => SymbolEqualityComparer.Default.Equals(type, @interface) || type.AllInterfaces.Contains(@interface, SymbolEqualityComparer.Default);

    /// <summary>The release statement's text; <paramref name="awaitAsync"/>: the member is released with `await … DisposeAsync()`.</summary>
    public static string Statement(ISymbol member, ITypeSymbol type, bool awaitAsync)
    {
        var name = member.Name;
        var nullable = MayBeNull(member, type);
        if (awaitAsync)
        {
            return nullable ? $"if ({name} != null) {{ await {name}.DisposeAsync(); }}" : $"await {name}.DisposeAsync();";
        }

        if (type.TypeKind == TypeKind.Interface || HasPublicDispose(type))
        {
            if (type.IsReferenceType)
            {
                return nullable ? $"{name}?.Dispose();" : $"{name}.Dispose();";
            }

            if (type.IsValueType)
            {
                return $"{name}.Dispose();";
            }
        }

        // Explicitly implemented Dispose, or a type parameter that may be a struct or null.
        var cast = $"((System.IDisposable){name})";
        return type.IsValueType ? $"{cast}.Dispose();" : $"{cast}?.Dispose();";
    }

    /// <summary>A reference-typed member that is not certainly set: anything but a readonly field or get-only auto-property with an initializer.</summary>
    private static bool MayBeNull(ISymbol member, ITypeSymbol type)
    {
        if (type.IsValueType)
        {
            return false;
        }

        var readOnly = member switch
        {
            IFieldSymbol field => field.IsReadOnly,
            IPropertySymbol property => property.SetMethod is null,
            _ => false,
        };
        var initialized = member.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax() switch
        {
            VariableDeclaratorSyntax { Initializer: not null } => true,
            PropertyDeclarationSyntax { Initializer: not null } => true,
            _ => false,
        });
        return !(readOnly && initialized);
    }

    private static bool HasPublicDispose(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetMembers("Dispose").OfType<IMethodSymbol>().Any(m => m.Parameters.Length == 0 && m.DeclaredAccessibility == Accessibility.Public && !m.IsStatic))
            {
                return true;
            }
        }

        return false;
    }
}
