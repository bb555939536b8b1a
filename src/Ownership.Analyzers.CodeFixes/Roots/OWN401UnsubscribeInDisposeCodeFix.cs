using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace Ownership.Analyzers.CodeFixes.Roots;

/// <summary>
/// OWN401: remove the handler where the subscriber is released — <c>publisher.Event -= Handler;</c>
/// at the end of <c>Dispose()</c> (or <c>Dispose(bool)</c>), adding <c>IDisposable</c> and
/// <c>Dispose()</c> when the type has no release of its own or inherited.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN401UnsubscribeInDisposeCodeFix))]
public sealed class OWN401UnsubscribeInDisposeCodeFix : OwnershipCodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.EventHandlerNeverUnsubscribed);

    private protected override string Title => "Unsubscribe in Dispose";

    private protected override string EquivalenceKey => "OWN401.UnsubscribeInDispose";

    private protected override async Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (node.FirstAncestorOrSelf<AssignmentExpressionSyntax>() is not { RawKind: (int)SyntaxKind.AddAssignmentExpression } subscription
            || subscription.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not ClassDeclarationSyntax declaration
            || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model
            || model.GetOperation(subscription, cancellationToken) is not IEventAssignmentOperation { EventReference: { } reference }
            || !IsReachableFromDispose(reference)
            || model.GetDeclaredSymbol(declaration, cancellationToken) is not { } type)
        {
            return null;
        }

        var removal = SyntaxFactory.ParseStatement($"{subscription.Left.WithoutTrivia()} -= {subscription.Right.WithoutTrivia()};")
            .WithLeadingTrivia(SyntaxFactory.ElasticMarker)
            .WithTrailingTrivia(SyntaxFactory.ElasticMarker)
            .WithAdditionalAnnotations(Formatter.Annotation);
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var dispose = FindRelease(type, parameters: 0) ?? FindRelease(type, parameters: 1);
        if (dispose is not null)
        {
            if (dispose.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is not MethodDeclarationSyntax method
                || method.SyntaxTree != subscription.SyntaxTree)
            {
                return null;
            }

            if (method.Body is { } body)
            {
                editor.ReplaceNode(body, body.AddStatements(removal));
            }
            else if (method.ExpressionBody is { } arrow && dispose.ReturnsVoid)
            {
                var block = SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(arrow.Expression.WithoutTrivia()), removal);
                editor.ReplaceNode(method, method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block).WithAdditionalAnnotations(Formatter.Annotation));
            }
            else
            {
                return null;
            }

            return editor.GetChangedDocument();
        }

        var disposable = model.Compilation.GetSpecialType(SpecialType.System_IDisposable);
        if (type.AllInterfaces.Contains(disposable, SymbolEqualityComparer.Default) || HasAsyncRelease(type))
        {
            // The release is inherited (or asynchronous only): where to hook in is the author's call.
            return null;
        }

        var generated = SyntaxFactory.MethodDeclaration(SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.VoidKeyword)), "Dispose")
            .AddModifiers(SyntaxFactory.Token(SyntaxKind.PublicKeyword))
            .WithBody(SyntaxFactory.Block(removal))
            .WithAdditionalAnnotations(Formatter.Annotation);
        editor.AddInterfaceType(declaration, editor.Generator.TypeExpression(disposable).WithAdditionalAnnotations(Simplifier.Annotation));
        editor.AddMember(declaration, generated);
        return editor.GetChangedDocument();
    }

    /// <summary>The publisher expression reads no parameter or local: it still means the same object in Dispose.</summary>
    private static bool IsReachableFromDispose(IOperation reference)
        => !reference.DescendantsAndSelf().Any(o => o is IParameterReferenceOperation or ILocalReferenceOperation or IInvocationOperation);

    private static IMethodSymbol? FindRelease(INamedTypeSymbol type, int parameters)
        => type.GetMembers("Dispose").OfType<IMethodSymbol>().FirstOrDefault(m => !m.IsStatic && m.Parameters.Length == parameters
            && (parameters == 0 || m.Parameters[0].Type.SpecialType == SpecialType.System_Boolean));

    private static bool HasAsyncRelease(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetMembers("DisposeAsync").Any() || current.GetMembers("Dispose").Any())
            {
                return true;
            }
        }

        return false;
    }
}
