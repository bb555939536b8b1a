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
/// OWN404's fix, where it keeps behaviour: a subscription made in a constructor is kept in a new
/// readonly field and released where the type releases its members (OWN202's fix), or by making
/// the type disposable (OWN201's). A subscription made in a method is not fixed: a field would be
/// overwritten on every call, and a `using` would end it when the method returns, which may be
/// before the callback is due — a person decides the subscription's lifetime there.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN404KeepSubscriptionCodeFix))]
public sealed class OWN404KeepSubscriptionCodeFix : OwnershipCodeFixProvider
{
    private static readonly SyntaxAnnotation FieldAnnotation = new(nameof(OWN404KeepSubscriptionCodeFix));

    private readonly OWN202AddReleaseCodeFix _addRelease = new();

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.SubscriptionTokenIgnored);

    private protected override string Title => "Keep the subscription in a field and dispose it with the instance";

    private protected override string EquivalenceKey => "OWN404.KeepSubscription";

    private protected override async Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } call
            || Statement(call) is not { } statement
            || statement.FirstAncestorOrSelf<ConstructorDeclarationSyntax>() is not { } constructor
            || constructor.Modifiers.Any(SyntaxKind.StaticKeyword)
            || constructor.Parent is not ClassDeclarationSyntax declaration
            || !RunsOncePerConstruction(statement, constructor)
            || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } semanticModel
            || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root
            || semanticModel.GetTypeInfo(call, cancellationToken).Type is not { TypeKind: not TypeKind.Error } tokenType
            || semanticModel.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type)
        {
            return null;
        }

        var name = FieldName(type, semanticModel.GetSymbolInfo(call, cancellationToken).Symbol as IMethodSymbol);
        var nullable = tokenType.IsReferenceType && semanticModel.GetNullableContext(declaration.SpanStart).AnnotationsEnabled();
        var typeText = tokenType.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToMinimalDisplayString(semanticModel, declaration.SpanStart) + (nullable ? "?" : string.Empty);
        var field = SyntaxFactory.ParseMemberDeclaration($"private readonly {typeText} {name};")!
            .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation, FieldAnnotation)
            .WithTrailingTrivia(MemberRelease.BlankLine(root));
        var assignment = SyntaxFactory.ParseStatement($"{name} = {call.WithoutTrivia().ToFullString()};")
            .WithTriviaFrom(statement)
            .WithAdditionalAnnotations(Formatter.Annotation);

        var edited = declaration.ReplaceNode(statement, assignment);
        edited = edited.WithMembers(edited.Members.Insert(0, field));
        var withField = document.WithSyntaxRoot(root.ReplaceNode(declaration, edited));

        var newRoot = await withField.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var declarator = newRoot?.GetAnnotatedNodes(FieldAnnotation).OfType<FieldDeclarationSyntax>().FirstOrDefault()?.Declaration.Variables.FirstOrDefault();
        if (newRoot is null || declarator is null)
        {
            return null;
        }

        if (ImplementsDisposal(type, semanticModel.Compilation))
        {
            return await _addRelease.ApplyAsync(withField, declarator, diagnostic, cancellationToken).ConfigureAwait(false);
        }

        var newModel = await withField.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (newModel?.GetDeclaredSymbol(declarator, cancellationToken) is not IFieldSymbol member
            || declarator.FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { } newDeclaration
            || newModel.GetDeclaredSymbol(newDeclaration, cancellationToken) is not INamedTypeSymbol newType)
        {
            return null;
        }

        return OWN201ImplementDisposableCodeFix.Implement(withField, newRoot, newDeclaration, newType, new[] { MemberRelease.Statement(member, member.Type, awaitAsync: false) }, async: false);
    }

    /// <summary>The statement that drops the token: `X;` or `_ = X;`.</summary>
    private static StatementSyntax? Statement(InvocationExpressionSyntax call) => call.Parent switch
    {
        ExpressionStatementSyntax statement => statement,
        AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" }, Parent: ExpressionStatementSyntax statement } assignment when assignment.Right == call => statement,
        _ => null,
    };

    /// <summary>Directly in the constructor's blocks and branches: no loop, lambda or local function between them.</summary>
    private static bool RunsOncePerConstruction(SyntaxNode statement, ConstructorDeclarationSyntax constructor)
    {
        for (var node = statement.Parent; node is not null && node != constructor; node = node.Parent)
        {
            if (node is not (BlockSyntax or IfStatementSyntax or ElseClauseSyntax or TryStatementSyntax or FinallyClauseSyntax or UsingStatementSyntax or LockStatementSyntax))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ImplementsDisposal(INamedTypeSymbol type, Compilation compilation)
        => MemberRelease.Implements(type, compilation.GetSpecialType(SpecialType.System_IDisposable))
            || compilation.GetTypeByMetadataName("System.IAsyncDisposable") is { } async && MemberRelease.Implements(type, async);

    /// <summary>`_subscription`, `_registration`, `_onChangeSubscription`…, with a number when the type already has the name.</summary>
    private static string FieldName(INamedTypeSymbol type, IMethodSymbol? method)
    {
        var stem = method?.Name switch
        {
            "Register" or "UnsafeRegister" => "_registration",
            "RegisterChangeCallback" => "_changeRegistration",
            "OnChange" => "_onChangeSubscription",
            _ => "_subscription",
        };
        return MemberNames.Unique(type, stem);
    }
}
