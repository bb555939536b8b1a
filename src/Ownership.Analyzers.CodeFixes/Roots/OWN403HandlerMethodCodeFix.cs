using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Ownership.Analyzers.CodeFixes.Types;

namespace Ownership.Analyzers.CodeFixes.Roots;

/// <summary>
/// OWN403's fix: the lambda removed with <c>-=</c> becomes a private method, and both the
/// <c>+=</c> that added the same lambda (same event, same publisher text, equivalent lambda, in
/// the same type) and the <c>-=</c> use that method group. Delegates of one method on one target
/// are equal, so the removal now removes what was added. Offered only when the lambda uses no
/// local or parameter of the method around it (a method cannot see them) and the matching
/// <c>+=</c> exists; otherwise there is nothing safe to write.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN403HandlerMethodCodeFix))]
public sealed class OWN403HandlerMethodCodeFix : OwnershipCodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.UnsubscribingNewAnonymousDelegate);

    private protected override string Title => "Make the handler a method, added and removed by name";

    private protected override string EquivalenceKey => "OWN403.HandlerMethod";

    private protected override async Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (node.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is not { } removed
            || removed.Parent is not AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SubtractAssignmentExpression } removal
            || removal.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not ClassDeclarationSyntax declaration
            || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } semanticModel
            || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root
            || semanticModel.GetSymbolInfo(removal.Left, cancellationToken).Symbol is not IEventSymbol @event
            || @event.Type is not INamedTypeSymbol { DelegateInvokeMethod: { } invoke })
        {
            return null;
        }

        // The += of the same event on the same publisher text with an equivalent lambda.
        var added = declaration.DescendantNodes().OfType<AssignmentExpressionSyntax>()
            .Where(a => a.IsKind(SyntaxKind.AddAssignmentExpression) && a.Right is AnonymousFunctionExpressionSyntax lambda
                && SyntaxFactory.AreEquivalent(a.Left, removal.Left) && SyntaxFactory.AreEquivalent(lambda, removed)
                && SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(a.Left, cancellationToken).Symbol, @event))
            .Select(a => (AnonymousFunctionExpressionSyntax)a.Right)
            .ToList();
        if (added.Count == 0 || added.Concat(new[] { removed }).Any(lambda => HandlerMethods.UsesEnclosingLocals(lambda, semanticModel, cancellationToken))
            || semanticModel.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type)
        {
            return null;
        }

        var name = HandlerMethods.MethodName(type, @event);
        var isStatic = semanticModel.GetEnclosingSymbol(removal.SpanStart, cancellationToken) is { IsStatic: true };
        var method = HandlerMethods.Create(name, removed, invoke, semanticModel, declaration.SpanStart, isStatic);
        if (method is null)
        {
            return null;
        }

        var reference = SyntaxFactory.IdentifierName(name);
        var edited = declaration.ReplaceNodes(added.Concat(new[] { removed }), (original, _) => reference.WithTriviaFrom(original));
        edited = edited.AddMembers(method.WithLeadingTrivia(MemberRelease.BlankLine(root)).WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation));
        return document.WithSyntaxRoot(root.ReplaceNode(declaration, edited));
    }
}
