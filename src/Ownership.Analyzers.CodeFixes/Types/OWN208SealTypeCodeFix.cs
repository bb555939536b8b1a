using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
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
        if (derived.Any())
        {
            return null;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        editor.SetModifiers(declaration, editor.Generator.GetModifiers(declaration).WithIsSealed(true));
        return editor.GetChangedDocument();
    }
}
