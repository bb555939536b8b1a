using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model;

namespace Ownership.Analyzers.CodeFixes.Types;

/// <summary>
/// OWN201: implement IDisposable (IAsyncDisposable when a member is only async-disposable) and
/// release every owned member that nothing releases. A sealed class or a struct gets a plain
/// Dispose()/DisposeAsync(); an unsealed class gets the pattern with a protected virtual hook, so
/// that OWN208 and OWN207 have nothing to say about the result.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN201ImplementDisposableCodeFix))]
public sealed class OWN201ImplementDisposableCodeFix : OwnershipCodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.OwningTypeNotDisposable);

    private protected override string Title => "Implement IDisposable and release the owned members";

    private protected override string EquivalenceKey => "OWN201.ImplementDisposable";

    private protected override async Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration || declaration is InterfaceDeclarationSyntax
            || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } semanticModel
            || semanticModel.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type
            || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root)
        {
            return null;
        }

        // Names the new members would take, or a finalizer the new pattern would have to call: a person decides.
        if (type.GetMembers().Any(m => m.Name is "Dispose" or "DisposeAsync" or "DisposeAsyncCore" || m is IMethodSymbol { MethodKind: MethodKind.Destructor })
            || type.IsStatic)
        {
            return null;
        }

        var compilation = semanticModel.Compilation;
        var model = OwnershipModel.For(compilation);
        var ownership = model.GetTypeOwnership(type, OwnershipOptions.Get(document.Project.AnalyzerOptions, declaration.SyntaxTree));
        var members = ownership.Members.Where(m => m.IsOwned && !m.IsReleasedSomewhere).ToList();
        if (ownership.HasErrors || members.Count == 0)
        {
            return null;
        }

        var async = members.Any(m => MemberRelease.IsAsyncOnly(m.Type, compilation));
        var releases = members.Select(m => MemberRelease.Statement(m.Member, m.Type, async && MemberRelease.IsAsyncOnly(m.Type, compilation))).ToList();
        return Implement(document, root, declaration, type, releases, async);
    }

    /// <summary>
    /// Makes <paramref name="type"/> disposable with <paramref name="releases"/> as its release: the
    /// interface, and Dispose() (or the pattern with a protected virtual hook for an unsealed class).
    /// Null when the type already has members of those names or a finalizer: a person decides.
    /// </summary>
    internal static Document? Implement(Document document, SyntaxNode root, TypeDeclarationSyntax declaration, INamedTypeSymbol type, IReadOnlyList<string> releases, bool async)
    {
        if (type.GetMembers().Any(m => m.Name is "Dispose" or "DisposeAsync" or "DisposeAsyncCore" || m is IMethodSymbol { MethodKind: MethodKind.Destructor })
            || type.IsStatic)
        {
            return null;
        }

        var open = type.TypeKind == TypeKind.Class && !type.IsSealed;
        var added = (async ? AsyncMembers(releases, open) : SyncMembers(releases, open))
            .Select(text => SyntaxFactory.ParseMemberDeclaration(text)!.WithLeadingTrivia(MemberRelease.BlankLine(root)).WithTrailingTrivia(MemberRelease.BlankLine(root)).WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation))
            .ToArray();
        var @interface = SyntaxFactory.SimpleBaseType(SyntaxFactory.ParseTypeName(async ? "System.IAsyncDisposable" : "System.IDisposable").WithAdditionalAnnotations(Simplifier.Annotation));
        var updated = declaration.AddMembers(added);
        updated = AddBaseType(updated, @interface);
        return document.WithSyntaxRoot(root.ReplaceNode(declaration, updated));
    }

    private static IEnumerable<string> SyncMembers(IReadOnlyList<string> releases, bool open)
    {
        var body = string.Join("\n", releases);
        if (!open)
        {
            yield return $"public void Dispose()\n{{\n{body}\n}}";
            yield break;
        }

        yield return "public void Dispose()\n{\nDispose(true);\nSystem.GC.SuppressFinalize(this);\n}";
        yield return $"protected virtual void Dispose(bool disposing)\n{{\nif (disposing)\n{{\n{body}\n}}\n}}";
    }

    private static IEnumerable<string> AsyncMembers(IReadOnlyList<string> releases, bool open)
    {
        var body = string.Join("\n", releases);
        if (!open)
        {
            yield return $"public async System.Threading.Tasks.ValueTask DisposeAsync()\n{{\n{body}\n}}";
            yield break;
        }

        yield return "public async System.Threading.Tasks.ValueTask DisposeAsync()\n{\nawait DisposeAsyncCore();\nSystem.GC.SuppressFinalize(this);\n}";
        yield return $"protected virtual async System.Threading.Tasks.ValueTask DisposeAsyncCore()\n{{\n{body}\n}}";
    }

    /// <summary>Adds a base type, keeping the trivia before the body where it was (`class C // note` stays on its line).</summary>
    internal static TypeDeclarationSyntax AddBaseType(TypeDeclarationSyntax declaration, BaseTypeSyntax type)
    {
        if (declaration.BaseList is { } list)
        {
            return declaration.WithBaseList(list.AddTypes(type));
        }

        // The token before the base list carries the trailing trivia (the line break before `{`).
        var last = declaration.ParameterList?.GetLastToken() ?? declaration.TypeParameterList?.GetLastToken() ?? declaration.Identifier;
        var trailing = last.TrailingTrivia;
        var withoutTrivia = declaration.ReplaceToken(last, last.WithTrailingTrivia());
        var baseList = SyntaxFactory.BaseList(SyntaxFactory.SingletonSeparatedList(type))
            .WithColonToken(SyntaxFactory.Token(SyntaxKind.ColonToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space))
            .WithTrailingTrivia(trailing);
        return withoutTrivia.WithBaseList(baseList);
    }
}
