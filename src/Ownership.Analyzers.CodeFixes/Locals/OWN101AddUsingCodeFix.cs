using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Ownership.Analyzers.Rules.Locals;

namespace Ownership.Analyzers.CodeFixes.Locals;

/// <summary>
/// OWN101: make the declaration a <c>using</c> declaration. Offered only when nothing releases or
/// hands the value on anywhere (otherwise <c>using</c> would release something that escapes) and
/// the local is never written again (a using local is read-only).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN101AddUsingCodeFix))]
public sealed class OWN101AddUsingCodeFix : OwnershipCodeFixProvider
{

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.DisposeCreatedResource);

    private protected override string Title => "Declare it with 'using'";

    private protected override string EquivalenceKey => "OWN101.AddUsing";

    private protected override async Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.ContainsKey(OWN101DisposeCreatedResourceAnalyzer.NeverReleasedProperty))
        {
            return null;
        }

        // Before C# 8 there are no using declarations: a using statement over the rest of the block.
        var statementForm = document.Project.ParseOptions is CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp8 };

        var value = node;
        while (value.Parent is ParenthesizedExpressionSyntax or AwaitExpressionSyntax or CastExpressionSyntax)
        {
            value = value.Parent;
        }

        if (value.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } declaration
            || declaration.Parent is not LocalDeclarationStatementSyntax statement
            || !statement.UsingKeyword.IsKind(SyntaxKind.None)
            || statement.Parent is not (BlockSyntax or GlobalStatementSyntax))
        {
            return null;
        }

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || root is null || model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local)
        {
            return null;
        }

        if (LocalUsage.IsWrittenAfterDeclaration(model, local, LocalUsage.FunctionScope(statement), cancellationToken))
        {
            return null;
        }

        if (UsingLocalIntroducer.UsingKind(model, local.Type, statement) is not { } keywords)
        {
            return null;
        }

        var needsAwait = keywords.Contains(SyntaxKind.AwaitKeyword);
        if (statementForm)
        {
            return needsAwait ? null
                : UsingLocalIntroducer.WrapRestOfBlock(root, statement, declaration.WithoutTrivia(), first: null) is { } wrapped ? document.WithSyntaxRoot(wrapped) : null;
        }

        var leading = statement.GetLeadingTrivia();
        var updated = statement.WithoutLeadingTrivia()
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        if (needsAwait)
        {
            updated = updated.WithAwaitKeyword(SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        }

        return document.WithSyntaxRoot(root.ReplaceNode(statement, updated.WithLeadingTrivia(leading)));
    }
}
