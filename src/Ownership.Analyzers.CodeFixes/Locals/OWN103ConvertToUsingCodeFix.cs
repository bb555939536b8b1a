using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ownership.Analyzers.CodeFixes.Locals;

/// <summary>
/// OWN103: declare the resource with <c>using</c> and drop the explicit release, so that it is
/// released on exception paths too. Offered only where the release happens at the same moment as
/// before: the explicit release is a statement of the declaring block followed by nothing but
/// <c>return</c>/<c>throw</c> statements that do not use the resource.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN103ConvertToUsingCodeFix))]
public sealed class OWN103ConvertToUsingCodeFix : OwnershipCodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.ReleaseNotInFinally);

    private protected override string Title => "Declare it with 'using'";

    private protected override string EquivalenceKey => "OWN103.ConvertToUsing";

    private protected override async Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var value = node;
        while (value.Parent is ParenthesizedExpressionSyntax or AwaitExpressionSyntax or CastExpressionSyntax)
        {
            value = value.Parent;
        }

        if (value.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 }
            || declarator.Parent.Parent is not LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0 } declaration
            || declaration.Parent is not BlockSyntax block
            || document.Project.ParseOptions is CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp8 })
        {
            return null;
        }

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || root is null || model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local
            || LocalUsage.IsWrittenAfterDeclaration(model, local, LocalUsage.FunctionScope(declaration), cancellationToken)
            || UsingLocalIntroducer.UsingKind(model, local.Type, declaration) is not { } keywords)
        {
            return null;
        }

        // The one explicit release, a statement of the same block…
        var releases = block.Statements.OfType<ExpressionStatementSyntax>().Where(s => IsReleaseOf(s, local.Name)).ToList();
        if (releases.Count != 1)
        {
            return null;
        }

        // …followed only by returns/throws that do not use the resource: the scope then ends where it was released.
        var release = releases[0];
        var after = block.Statements.SkipWhile(s => s != release).Skip(1).ToList();
        if (after.Any(s => s is not (ReturnStatementSyntax or ThrowStatementSyntax)
            || s.DescendantNodes().OfType<IdentifierNameSyntax>().Any(id => id.Identifier.ValueText == local.Name)))
        {
            return null;
        }

        var updatedDeclaration = declaration.WithoutLeadingTrivia()
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        if (keywords.Contains(SyntaxKind.AwaitKeyword))
        {
            updatedDeclaration = updatedDeclaration.WithAwaitKeyword(SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        }

        var newBlock = block.ReplaceNode(declaration, updatedDeclaration.WithLeadingTrivia(declaration.GetLeadingTrivia()));
        var releaseInNewBlock = newBlock.Statements.OfType<ExpressionStatementSyntax>().First(s => IsReleaseOf(s, local.Name));
        newBlock = newBlock.RemoveNode(releaseInNewBlock, SyntaxRemoveOptions.KeepNoTrivia)!;
        return document.WithSyntaxRoot(root.ReplaceNode(block, newBlock));
    }

    private static bool IsReleaseOf(ExpressionStatementSyntax statement, string name)
        => statement.Expression is InvocationExpressionSyntax
        {
            ArgumentList.Arguments.Count: 0,
            Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver, Name.Identifier.ValueText: "Dispose" or "Close" },
        } && receiver.Identifier.ValueText == name;
}
