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
using Microsoft.CodeAnalysis.Simplification;

namespace Ownership.Analyzers.CodeFixes.Types;

/// <summary>
/// OWN202: release the member where the type releases the rest — in the `if (disposing)` branch
/// of Dispose(bool), at the end of Dispose(), or with `await … DisposeAsync()` in an async
/// DisposeAsyncCore()/DisposeAsync() for a member that is only async-disposable. A derived type
/// without a Dispose(bool) of its own gets an override that calls the base. Fix All, one member
/// after another, gathers the releases in that one method.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN202AddReleaseCodeFix))]
public sealed class OWN202AddReleaseCodeFix : OwnershipCodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.OwnedMemberNotReleased);

    private protected override string Title => "Release the member in Dispose";

    private protected override string EquivalenceKey => "OWN202.AddRelease";

    private protected override async Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } semanticModel
            || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root
            || node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration
            || semanticModel.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type)
        {
            return null;
        }

        var (member, memberType) = semanticModel.GetDeclaredSymbol(node, cancellationToken) switch
        {
            IFieldSymbol field => ((ISymbol?)field, field.Type),
            IPropertySymbol property => (property, property.Type),
            _ => (null, (ITypeSymbol?)null),
        };
        if (member is null || memberType is null)
        {
            return null;
        }

        var asyncOnly = MemberRelease.IsAsyncOnly(memberType, semanticModel.Compilation);
        // On a line of its own, also when the block it joins is written on one line.
        var release = SyntaxFactory.ParseStatement(MemberRelease.Statement(member, memberType, asyncOnly))
            .WithLeadingTrivia(SyntaxFactory.ElasticLineFeed)
            .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
        var methods = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>()
            .Where(d => d.SyntaxTree == root.SyntaxTree)
            .SelectMany(d => d.Members.OfType<MethodDeclarationSyntax>())
            .Where(m => m.Body is not null || m.ExpressionBody is not null)
            .ToList();
        bool Named(MethodDeclarationSyntax m, string name, int parameters) => m.Identifier.ValueText == name && m.ParameterList.Parameters.Count == parameters;
        bool IsAsync(MethodDeclarationSyntax m) => m.Modifiers.Any(SyntaxKind.AsyncKeyword);

        if (asyncOnly)
        {
            var target = methods.FirstOrDefault(m => Named(m, "DisposeAsyncCore", 0) && IsAsync(m)) ?? methods.FirstOrDefault(m => Named(m, "DisposeAsync", 0) && IsAsync(m));
            return target is null ? null : Replace(document, root, target, Append(ToBlock(target), release, beforeBaseCall: true));
        }

        if (methods.FirstOrDefault(m => Named(m, "Dispose", 1) && m.ParameterList.Parameters[0].Type is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.BoolKeyword }) is { } hook)
        {
            return Replace(document, root, hook, InDisposingBranch(ToBlock(hook), release));
        }

        if (methods.FirstOrDefault(m => Named(m, "Dispose", 0) && m.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }) is { } dispose)
        {
            return Replace(document, root, dispose, Append(ToBlock(dispose), release, beforeBaseCall: true));
        }

        if (methods.FirstOrDefault(m => (Named(m, "DisposeAsyncCore", 0) || Named(m, "DisposeAsync", 0)) && IsAsync(m)) is { } asyncDisposal)
        {
            return Replace(document, root, asyncDisposal, Append(ToBlock(asyncDisposal), release, beforeBaseCall: true));
        }

        if (BaseHook(type) is { } inherited && node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } owner)
        {
            var access = inherited.DeclaredAccessibility == Accessibility.ProtectedOrInternal ? "protected internal" : inherited.DeclaredAccessibility == Accessibility.Public ? "public" : "protected";
            var baseCall = inherited.IsAbstract ? string.Empty : "\n\nbase.Dispose(disposing);";
            var text = $"{access} override void Dispose(bool disposing)\n{{\nif (disposing)\n{{\n{release.ToString()}\n}}{baseCall}\n}}";
            var added = SyntaxFactory.ParseMemberDeclaration(text)!.WithLeadingTrivia(MemberRelease.BlankLine(root)).WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
            return document.WithSyntaxRoot(root.ReplaceNode(owner, owner.AddMembers(added)));
        }

        return null;
    }

    /// <summary>An overridable Dispose(bool) of a base class (Stream's, Component's, a source base's).</summary>
    private static IMethodSymbol? BaseHook(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            var hook = current.GetMembers("Dispose").OfType<IMethodSymbol>()
                .FirstOrDefault(m => m.Parameters.Length == 1 && m.Parameters[0].Type.SpecialType == SpecialType.System_Boolean && !m.IsStatic);
            if (hook is not null)
            {
                return (hook.IsVirtual || hook.IsAbstract || hook.IsOverride) && !hook.IsSealed && hook.DeclaredAccessibility != Accessibility.Private ? hook : null;
            }
        }

        return null;
    }

    private static Document Replace(Document document, SyntaxNode root, MethodDeclarationSyntax method, MethodDeclarationSyntax updated)
        => document.WithSyntaxRoot(root.ReplaceNode(method, updated.WithAdditionalAnnotations(Formatter.Annotation)));

    private static MethodDeclarationSyntax ToBlock(MethodDeclarationSyntax method)
    {
        if (method.Body is not null || method.ExpressionBody is not { } arrow)
        {
            return method;
        }

        return method.WithExpressionBody(null).WithSemicolonToken(default)
            .WithBody(SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(arrow.Expression.WithoutTrivia())))
            .WithTrailingTrivia(method.GetTrailingTrivia());
    }

    /// <summary>At the end of the body, or just before a final `base.Dispose…` call so that the base releases last.</summary>
    private static MethodDeclarationSyntax Append(MethodDeclarationSyntax method, StatementSyntax release, bool beforeBaseCall)
    {
        var body = method.Body!;
        var last = body.Statements.LastOrDefault();
        if (beforeBaseCall && last is ExpressionStatementSyntax { Expression: var expression } && IsBaseDisposeCall(expression))
        {
            return method.WithBody(body.WithStatements(body.Statements.Insert(body.Statements.Count - 1, release)));
        }

        return method.WithBody(body.AddStatements(release));
    }

    private static bool IsBaseDisposeCall(ExpressionSyntax expression)
    {
        while (expression is AwaitExpressionSyntax awaited)
        {
            expression = awaited.Expression;
        }

        return expression.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>()
            .Any(access => access.Expression is BaseExpressionSyntax && access.Name.Identifier.ValueText.StartsWith("Dispose", System.StringComparison.Ordinal));
    }

    /// <summary>Into the existing `if (disposing)` branch; else after `if (!disposing) return;`; else a new `if (disposing)` branch.</summary>
    private static MethodDeclarationSyntax InDisposingBranch(MethodDeclarationSyntax method, StatementSyntax release)
    {
        var parameter = method.ParameterList.Parameters[0].Identifier.ValueText;
        var body = method.Body!;
        var branch = body.DescendantNodes().OfType<IfStatementSyntax>()
            .FirstOrDefault(@if => @if.Condition is IdentifierNameSyntax name && name.Identifier.ValueText == parameter);
        if (branch is not null)
        {
            var block = branch.Statement as BlockSyntax ?? SyntaxFactory.Block(branch.Statement.WithoutTrivia());
            var newBranch = branch.WithStatement(block.AddStatements(release)).WithAdditionalAnnotations(Formatter.Annotation);
            return method.ReplaceNode(branch, newBranch);
        }

        var earlyReturn = body.Statements.OfType<IfStatementSyntax>().Any(@if =>
            @if.Condition is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression, Operand: IdentifierNameSyntax name } && name.Identifier.ValueText == parameter
            && (@if.Statement is ReturnStatementSyntax || (@if.Statement is BlockSyntax { Statements.Count: 1 } block && block.Statements[0] is ReturnStatementSyntax)));
        if (earlyReturn)
        {
            return Append(method, release, beforeBaseCall: true);
        }

        var guarded = SyntaxFactory.IfStatement(SyntaxFactory.IdentifierName(parameter), SyntaxFactory.Block(release)).WithAdditionalAnnotations(Formatter.Annotation);
        return Append(method, guarded, beforeBaseCall: true);
    }
}
