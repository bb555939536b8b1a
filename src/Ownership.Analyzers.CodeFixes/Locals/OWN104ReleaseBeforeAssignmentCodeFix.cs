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

namespace Ownership.Analyzers.CodeFixes.Locals;

/// <summary>OWN104: release the old value (<c>x?.Dispose();</c>) just before the assignment.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN104ReleaseBeforeAssignmentCodeFix))]
public sealed class OWN104ReleaseBeforeAssignmentCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "OWN104.ReleaseBeforeAssignment";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.LocalOverwrittenWhileOwning);

    public override FixAllProvider GetFixAllProvider() => SequentialFixAllProvider.Create(Fix);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (await Fix(context.Document, node, diagnostic, context.CancellationToken).ConfigureAwait(false) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Release the old value before the assignment",
                    async cancellationToken => await Fix(context.Document, node, diagnostic, cancellationToken).ConfigureAwait(false) ?? context.Document,
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document?> Fix(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (node is not AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } assignment
            || assignment.Parent is not ExpressionStatementSyntax statement
            || statement.Parent is not (BlockSyntax or SwitchSectionSyntax))
        {
            return null;
        }

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || root is null || model.GetSymbolInfo(target, cancellationToken).Symbol is not ILocalSymbol local)
        {
            return null;
        }

        // `s = Wrap(s)` reads the old value: releasing it first would break the right-hand side.
        if (assignment.Right.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(id => id.Identifier.ValueText == local.Name))
        {
            return null;
        }

        var disposable = model.Compilation.GetSpecialType(SpecialType.System_IDisposable);
        if (!local.Type.AllInterfaces.Contains(disposable) && !SymbolEqualityComparer.Default.Equals(local.Type, disposable))
        {
            return null;
        }

        var hasPublicDispose = local.Type.TypeKind == TypeKind.Interface
            || HasPublicDispose(local.Type);
        ExpressionSyntax receiver = SyntaxFactory.IdentifierName(local.Name);
        if (!hasPublicDispose)
        {
            receiver = SyntaxFactory.ParenthesizedExpression(SyntaxFactory.CastExpression(SyntaxFactory.ParseTypeName("System.IDisposable"), receiver));
        }

        ExpressionSyntax call = local.Type.IsValueType
            ? SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("Dispose")))
            : SyntaxFactory.ConditionalAccessExpression(receiver, SyntaxFactory.InvocationExpression(SyntaxFactory.MemberBindingExpression(SyntaxFactory.IdentifierName("Dispose"))));
        var release = SyntaxFactory.ExpressionStatement(call)
            .WithLeadingTrivia(statement.GetLeadingTrivia())
            .WithTrailingTrivia(statement.GetTrailingTrivia().Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
            .WithAdditionalAnnotations(Formatter.Annotation);
        var newRoot = root.ReplaceNode(statement, new SyntaxNode[] { release, statement });
        return document.WithSyntaxRoot(newRoot);
    }

    private static bool HasPublicDispose(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetMembers("Dispose").OfType<IMethodSymbol>().Any(m => m.Parameters.Length == 0 && m.DeclaredAccessibility == Accessibility.Public && !m.IsStatic))
            {
                return true;
            }
        }

        return false;
    }
}
