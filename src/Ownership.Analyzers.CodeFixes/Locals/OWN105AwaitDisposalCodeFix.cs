using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ownership.Analyzers.CodeFixes.Locals;

/// <summary>OWN105: <c>using</c> becomes <c>await using</c>; <c>x.Dispose()</c> becomes <c>await x.DisposeAsync()</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN105AwaitDisposalCodeFix))]
public sealed class OWN105AwaitDisposalCodeFix : OwnershipCodeFixProvider
{

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.AsyncDisposableDisposedSynchronously);

    private protected override string Title => "Release it asynchronously";

    private protected override string EquivalenceKey => "OWN105.AwaitDisposal";

    /// <summary>The diagnostic stands on the 'using' keyword or the Dispose call.</summary>
    private protected override SyntaxNode FindNode(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span)
        => root.FindToken(span.Start).Parent ?? root;

    private protected override async Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || root is null || !LocalUsage.IsInAsyncFunction(model, node, cancellationToken))
        {
            return null;
        }

        var awaitToken = SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        switch (node)
        {
            case UsingStatementSyntax { AwaitKeyword.RawKind: 0 } usingStatement:
                return document.WithSyntaxRoot(root.ReplaceNode(usingStatement, usingStatement
                    .WithUsingKeyword(usingStatement.UsingKeyword.WithLeadingTrivia())
                    .WithAwaitKeyword(awaitToken.WithLeadingTrivia(usingStatement.UsingKeyword.LeadingTrivia))));

            case LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: 0, UsingKeyword.RawKind: not 0 } declaration:
                return document.WithSyntaxRoot(root.ReplaceNode(declaration, declaration
                    .WithUsingKeyword(declaration.UsingKeyword.WithLeadingTrivia())
                    .WithAwaitKeyword(awaitToken.WithLeadingTrivia(declaration.UsingKeyword.LeadingTrivia))));
        }

        // x.Dispose() as a statement.
        var invocation = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (invocation is { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose" } access, ArgumentList.Arguments.Count: 0 }
            && invocation.Parent is ExpressionStatementSyntax
            && HasDisposeAsync(model.GetTypeInfo(access.Expression, cancellationToken).Type))
        {
            var replacement = SyntaxFactory.AwaitExpression(
                    awaitToken,
                    invocation.WithExpression(access.WithName(SyntaxFactory.IdentifierName("DisposeAsync"))).WithoutLeadingTrivia())
                .WithLeadingTrivia(invocation.GetLeadingTrivia());
            return document.WithSyntaxRoot(root.ReplaceNode(invocation, replacement));
        }

        return null;
    }

    /// <summary>`((IDisposable)s).Dispose()` has no DisposeAsync to call: no fix then.</summary>
    private static bool HasDisposeAsync(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers("DisposeAsync"))
            {
                if (member is IMethodSymbol { Parameters.Length: 0, IsStatic: false, DeclaredAccessibility: Accessibility.Public })
                {
                    return true;
                }
            }
        }

        return type is { TypeKind: TypeKind.Interface } && type.AllInterfaces.Any(i => i.Name == "IAsyncDisposable") || type?.Name == "IAsyncDisposable";
    }
}
