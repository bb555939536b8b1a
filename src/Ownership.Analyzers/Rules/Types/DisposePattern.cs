using System.Linq;
using Microsoft.CodeAnalysis;

namespace Ownership.Analyzers.Rules.Types;

/// <summary>The shapes of the dispose pattern that OWN206, OWN208 and OWN209 read.</summary>
internal static class DisposePattern
{
    public static bool IsDisposeBool(IMethodSymbol method)
        => method.Name == "Dispose" && method.Parameters.Length == 1 && method.Parameters[0].Type.SpecialType == SpecialType.System_Boolean && !method.IsStatic;

    public static bool IsParameterless(IMethodSymbol method, string name)
        => method.Name == name && method.Parameters.Length == 0 && !method.IsStatic && method.MethodKind == MethodKind.Ordinary;

    /// <summary>Dispose(bool), Dispose() or DisposeAsyncCore() overriding a base implementation (not an abstract one).</summary>
    public static bool IsOverrideOfReleasingBase(IMethodSymbol method)
        => method.IsOverride
            && method.OverriddenMethod is { IsAbstract: false }
            && (IsDisposeBool(method) || IsParameterless(method, "Dispose") || IsParameterless(method, "DisposeAsyncCore") || IsParameterless(method, "DisposeAsync"));

    /// <summary>A virtual (or abstract, or override) member derived types can hook into.</summary>
    public static bool IsExtensible(IMethodSymbol method)
        => (method.IsVirtual || method.IsAbstract || method.IsOverride) && !method.IsSealed;

    /// <summary>
    /// Some declaration of the type lists a base named <paramref name="simpleName"/> in any spelling
    /// (<c>IDisposable</c>, <c>System.IDisposable</c>, <c>global::System.IDisposable</c>), bound or not.
    /// </summary>
    public static bool BaseListNames(INamedTypeSymbol type, string simpleName)
        => type.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax())
            .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax>()
            .Any(declaration => declaration.BaseList is { } list && list.Types.Any(t => RightmostName(t.Type) == simpleName));

    private static string? RightmostName(Microsoft.CodeAnalysis.CSharp.Syntax.TypeSyntax type) => type switch
    {
        Microsoft.CodeAnalysis.CSharp.Syntax.QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        Microsoft.CodeAnalysis.CSharp.Syntax.AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => null,
    };

    public static bool Implements(INamedTypeSymbol type, string interfaceMetadataName)
        => type.AllInterfaces.Any(i => i.ToDisplayString() == interfaceMetadataName);
}
