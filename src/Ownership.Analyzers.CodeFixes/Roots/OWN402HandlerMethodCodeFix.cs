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
/// OWN402's fix: the anonymous handler becomes a private method added by name, and the type
/// removes it where it is released (OWN401's fix: at the end of Dispose, or a new Dispose with
/// IDisposable). Offered only when the lambda uses no local or parameter of the method around it
/// and the subscription is reachable from where the type is released.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN402HandlerMethodCodeFix))]
public sealed class OWN402HandlerMethodCodeFix : OwnershipCodeFixProvider
{
    private static readonly SyntaxAnnotation SubscriptionAnnotation = new(nameof(OWN402HandlerMethodCodeFix));

    private readonly OWN401UnsubscribeInDisposeCodeFix _unsubscribe = new();

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.AnonymousHandlerOnLongerLivedEvent);

    private protected override string Title => "Make the handler a method and unsubscribe it in Dispose";

    private protected override string EquivalenceKey => "OWN402.HandlerMethod";

    private protected override async Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (node.FirstAncestorOrSelf<AssignmentExpressionSyntax>() is not { RawKind: (int)SyntaxKind.AddAssignmentExpression, Right: AnonymousFunctionExpressionSyntax lambda } subscription
            || subscription.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not ClassDeclarationSyntax declaration
            || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } semanticModel
            || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root
            || semanticModel.GetSymbolInfo(subscription.Left, cancellationToken).Symbol is not IEventSymbol @event
            || @event.Type is not INamedTypeSymbol { DelegateInvokeMethod: { } invoke }
            || HandlerMethods.UsesEnclosingLocals(lambda, semanticModel, cancellationToken)
            || semanticModel.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type
            || semanticModel.GetEnclosingSymbol(subscription.SpanStart, cancellationToken) is { IsStatic: true })
        {
            return null;
        }

        var name = HandlerMethods.MethodName(type, @event);
        if (HandlerMethods.Create(name, lambda, invoke, semanticModel, declaration.SpanStart, isStatic: false) is not { } method)
        {
            return null;
        }

        var edited = declaration.ReplaceNode(subscription, subscription.WithRight(SyntaxFactory.IdentifierName(name).WithTriviaFrom(lambda)).WithAdditionalAnnotations(SubscriptionAnnotation));
        edited = edited.AddMembers(method.WithLeadingTrivia(MemberRelease.BlankLine(root)).WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation));
        var withMethod = document.WithSyntaxRoot(root.ReplaceNode(declaration, edited));
        var newRoot = await withMethod.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (newRoot?.GetAnnotatedNodes(SubscriptionAnnotation).FirstOrDefault() is not { } added)
        {
            return null;
        }

        return await _unsubscribe.ApplyAsync(withMethod, added, diagnostic, cancellationToken).ConfigureAwait(false);
    }
}
