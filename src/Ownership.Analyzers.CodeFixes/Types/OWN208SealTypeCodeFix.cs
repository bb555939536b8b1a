using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;

namespace Ownership.Analyzers.CodeFixes.Types;

/// <summary>OWN208: seal the type — offered only when nothing in the solution derives from it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN208SealTypeCodeFix))]
public sealed class OWN208SealTypeCodeFix : OwnershipCodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.UnsealedWithoutVirtualDispose);

    private protected override string Title => "Seal the type";

    private protected override string EquivalenceKey => "OWN208.Seal";

    private protected override async Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (node.FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { } declaration)
        {
            return null;
        }

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        // A sealed type may not declare new virtual members (CS0549).
        if (model?.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type || type.IsAbstract
            || type.GetMembers().Any(m => m.IsVirtual || m.IsAbstract))
        {
            return null;
        }

        var derived = await SymbolFinder.FindDerivedClassesAsync(type, document.Project.Solution, transitive: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (derived.Any() || await IsUsedAsConstraintAsync(type, document.Project.Solution, cancellationToken).ConfigureAwait(false))
        {
            // A sealed type cannot be a generic constraint (CS0701): `where T : Context` needs it open.
            return null;
        }

        if (!HasValidModifiers(declaration))
        {
            // A stray or repeated modifier (half-typed code): there is no canonical place for `sealed`.
            return null;
        }

        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? null : document.WithSyntaxRoot(root.ReplaceNode(declaration, Seal(declaration)));
    }

    private static async Task<bool> IsUsedAsConstraintAsync(INamedTypeSymbol type, Solution solution, CancellationToken cancellationToken)
    {
        foreach (var reference in await SymbolFinder.FindReferencesAsync(type, solution, cancellationToken).ConfigureAwait(false))
        {
            foreach (var location in reference.Locations)
            {
                var root = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (root?.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<TypeConstraintSyntax>() is not null)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static readonly SyntaxKind[] AllowedOnClass =
    {
        SyntaxKind.PublicKeyword, SyntaxKind.InternalKeyword, SyntaxKind.ProtectedKeyword, SyntaxKind.PrivateKeyword, SyntaxKind.FileKeyword,
        SyntaxKind.NewKeyword, SyntaxKind.UnsafeKeyword, SyntaxKind.PartialKeyword,
    };

    private static bool HasValidModifiers(ClassDeclarationSyntax declaration)
        => declaration.Modifiers.All(m => AllowedOnClass.Contains(m.Kind()))
            && declaration.Modifiers.Select(m => m.Kind()).Distinct().Count() == declaration.Modifiers.Count
            && !declaration.Modifiers.Any(m => m.IsMissing || m.ContainsDiagnostics);

    /// <summary>`sealed` in the canonical order: after the access modifiers and `new`, before `unsafe` and `partial`.</summary>
    private static ClassDeclarationSyntax Seal(ClassDeclarationSyntax declaration)
    {
        var modifiers = declaration.Modifiers;
        var at = 0;
        while (at < modifiers.Count && !modifiers[at].IsKind(SyntaxKind.UnsafeKeyword) && !modifiers[at].IsKind(SyntaxKind.PartialKeyword))
        {
            at++;
        }

        var @sealed = SyntaxFactory.Token(SyntaxKind.SealedKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (at == 0)
        {
            // The first modifier (or the `class` keyword) carries the declaration's leading trivia: move it to `sealed`.
            var first = modifiers.Count > 0 ? modifiers[0] : declaration.Keyword;
            @sealed = @sealed.WithLeadingTrivia(first.LeadingTrivia);
            declaration = modifiers.Count > 0
                ? declaration.WithModifiers(modifiers.Replace(first, first.WithLeadingTrivia()))
                : declaration.WithKeyword(first.WithLeadingTrivia());
            modifiers = declaration.Modifiers;
        }

        return declaration.WithModifiers(modifiers.Insert(at, @sealed));
    }
}
