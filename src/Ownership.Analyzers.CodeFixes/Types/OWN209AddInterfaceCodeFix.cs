using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace Ownership.Analyzers.CodeFixes.Types;

/// <summary>OWN209: add IDisposable (IAsyncDisposable) to the type that declares Dispose (DisposeAsync).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN209AddInterfaceCodeFix))]
public sealed class OWN209AddInterfaceCodeFix : OwnershipCodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.DisposeWithoutInterface);

    private protected override string Title => "Implement the interface";

    private protected override string EquivalenceKey => "OWN209.AddInterface";

    private protected override async Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { Parent: TypeDeclarationSyntax declaration } method)
        {
            return null;
        }

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var name = method.Identifier.ValueText == "DisposeAsync" ? "System.IAsyncDisposable" : "System.IDisposable";
        if (model?.Compilation.GetTypeByMetadataName(name) is not { TypeKind: not TypeKind.Error } @interface
            || model.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type)
        {
            return null;
        }

        // Idempotent: never a second copy of an interface the type already lists or implements, in any spelling.
        if (type.AllInterfaces.Contains(@interface, SymbolEqualityComparer.Default)
            || Ownership.Analyzers.Rules.Types.DisposePattern.BaseListNames(type, @interface.Name))
        {
            return null;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        editor.AddInterfaceType(declaration, editor.Generator.TypeExpression(@interface).WithAdditionalAnnotations(Simplifier.Annotation));
        return editor.GetChangedDocument();
    }
}
