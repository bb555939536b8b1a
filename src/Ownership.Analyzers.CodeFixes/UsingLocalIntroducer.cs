using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Ownership.Analyzers.CodeFixes;

/// <summary>
/// Keeps a created resource in a new <c>using</c> local declared just before the statement that
/// creates it, so that it is released at the end of the enclosing block. Offered only where the
/// change keeps behaviour: the statement sits in a block, nothing in it runs before the creation,
/// and the creation is not conditional or inside a lambda. Before C# 8 (no <c>using</c> declarations:
/// netstandard2.0 and .NET Framework projects by default) it writes a <c>using (…) { … }</c>
/// statement over the rest of the block instead, which releases at the same point.
/// </summary>
internal static class UsingLocalIntroducer
{
    public static async Task<Document?> IntroduceAsync(Document document, SyntaxNode node, CancellationToken cancellationToken)
    {
        if (node is not ExpressionSyntax creation)
        {
            return null;
        }

        var statementForm = document.Project.ParseOptions is CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp8 };

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || root is null)
        {
            return null;
        }

        // The value the local holds: the creation, with the await around it if there is one.
        ExpressionSyntax held = creation;
        while (held.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            held = parenthesized;
        }

        if (held.Parent is AwaitExpressionSyntax awaited)
        {
            held = awaited;
        }

        if (model.GetTypeInfo(held, cancellationToken).Type is not { TypeKind: not TypeKind.Error } type
            || UsingKind(model, type, held) is not { } keywords)
        {
            return null;
        }

        var statement = held.FirstAncestorOrSelf<StatementSyntax>();
        if (statement is null)
        {
            return statementForm ? null : await ConvertExpressionBodyAsync(document, root, held, cancellationToken).ConfigureAwait(false);
        }

        if (!IsUnconditionalIn(held, statement, model) || !CanHoist(held, statement, model, cancellationToken))
        {
            return null;
        }

        var name = LocalNames.Choose(model, statement, type);
        if (statementForm)
        {
            return UsingStatementOverRest(document, root, statement, held, keywords, name);
        }

        var declaration = Declaration(keywords, name, held.WithoutTrivia())
            .WithLeadingTrivia(statement.GetLeadingTrivia())
            .WithTrailingTrivia(EndOfLine(statement));

        // The whole statement is the creation (`new X();`, `_ = new X();`): it becomes the declaration.
        if (statement is ExpressionStatementSyntax expressionStatement
            && (expressionStatement.Expression == held
                || expressionStatement.Expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } discard && discard.Right == held))
        {
            return document.WithSyntaxRoot(root.ReplaceNode(statement, declaration.WithTrailingTrivia(statement.GetTrailingTrivia())));
        }

        var rewritten = statement.ReplaceNode(held, SyntaxFactory.IdentifierName(name).WithTriviaFrom(held));
        return document.WithSyntaxRoot(InsertBefore(root, statement, declaration, rewritten));
    }

    /// <summary>C# 7.3: <c>using (var name = creation) { statement; rest of the block }</c>.</summary>
    private static Document? UsingStatementOverRest(Document document, SyntaxNode root, StatementSyntax statement, ExpressionSyntax held, SyntaxKind[] keywords, string name)
    {
        if (keywords.Contains(SyntaxKind.AwaitKeyword))
        {
            return null;
        }

        var wholeStatementIsCreation = statement is ExpressionStatementSyntax expressionStatement
            && (expressionStatement.Expression == held
                || expressionStatement.Expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } discard && discard.Right == held);
        var declaration = SyntaxFactory.VariableDeclaration(
            SyntaxFactory.IdentifierName("var"),
            SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name)).WithInitializer(SyntaxFactory.EqualsValueClause(held.WithoutTrivia()))));
        var first = wholeStatementIsCreation ? null : statement.ReplaceNode(held, SyntaxFactory.IdentifierName(name).WithTriviaFrom(held));
        return WrapRestOfBlock(root, statement, declaration, first) is { } updated ? document.WithSyntaxRoot(updated) : null;
    }

    /// <summary>
    /// Replaces <paramref name="statement"/> and every statement after it in its block with
    /// <c>using (declaration) { first; rest }</c>: the resource is released where a <c>using</c>
    /// declaration would release it, at the end of the block. Null when the statement is not in a
    /// block, or when the rest declares a local function or a label (moving them into a nested
    /// block would hide them from the statements before).
    /// </summary>
    internal static SyntaxNode? WrapRestOfBlock(SyntaxNode root, StatementSyntax statement, VariableDeclarationSyntax declaration, StatementSyntax? first)
    {
        if (statement.Parent is not BlockSyntax block)
        {
            return null;
        }

        var index = block.Statements.IndexOf(statement);
        var rest = block.Statements.Skip(index + 1).ToList();
        if (rest.Any(s => s is LocalFunctionStatementSyntax || s.DescendantNodesAndSelf().OfType<LabeledStatementSyntax>().Any()))
        {
            return null;
        }

        var body = new System.Collections.Generic.List<StatementSyntax>();
        if (first is not null)
        {
            body.Add(first.WithoutLeadingTrivia());
        }

        body.AddRange(rest);
        var @using = SyntaxFactory.UsingStatement(declaration, null, SyntaxFactory.Block(body))
            .WithLeadingTrivia(statement.GetLeadingTrivia())
            .WithAdditionalAnnotations(Formatter.Annotation);
        var statements = block.Statements.Take(index).Concat(new StatementSyntax[] { @using });
        return root.ReplaceNode(block, block.WithStatements(SyntaxFactory.List(statements)));
    }

    /// <summary>`using` (or `await using` for a resource that is only asynchronously disposable in async code).</summary>
    /// <summary>
    /// <c>await using</c> for an async-disposable resource in async code (so OWN105 has nothing to
    /// say about the fixed code), plain <c>using</c> for the rest; null when neither compiles.
    /// </summary>
    internal static SyntaxKind[]? UsingKind(SemanticModel model, ITypeSymbol type, SyntaxNode position)
    {
        var asyncDisposable = model.Compilation.GetTypeByMetadataName("System.IAsyncDisposable");
        if (asyncDisposable is not null && (type.AllInterfaces.Contains(asyncDisposable) || SymbolEqualityComparer.Default.Equals(type, asyncDisposable))
            && LocalUsage.IsInAsyncFunction(model, position, CancellationToken.None))
        {
            return new[] { SyntaxKind.AwaitKeyword, SyntaxKind.UsingKeyword };
        }

        var disposable = model.Compilation.GetSpecialType(SpecialType.System_IDisposable);
        if (type.AllInterfaces.Contains(disposable) || SymbolEqualityComparer.Default.Equals(type, disposable))
        {
            return new[] { SyntaxKind.UsingKeyword };
        }

        return null;
    }

    private static LocalDeclarationStatementSyntax Declaration(SyntaxKind[] keywords, string name, ExpressionSyntax value)
    {
        var declaration = SyntaxFactory.LocalDeclarationStatement(
            SyntaxFactory.VariableDeclaration(
                SyntaxFactory.IdentifierName("var"),
                SyntaxFactory.SingletonSeparatedList(
                    SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name))
                        .WithInitializer(SyntaxFactory.EqualsValueClause(value)))));
        if (keywords.Contains(SyntaxKind.AwaitKeyword))
        {
            declaration = declaration.WithAwaitKeyword(SyntaxFactory.Token(SyntaxKind.AwaitKeyword));
        }

        return declaration.WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword))
            .NormalizeWhitespace()
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>The document's own line break, taken from the statement (so CRLF files stay CRLF).</summary>
    private static SyntaxTriviaList EndOfLine(SyntaxNode statement)
    {
        foreach (var trivia in statement.GetTrailingTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return SyntaxFactory.TriviaList(trivia);
            }
        }

        foreach (var token in statement.SyntaxTree.GetRoot().DescendantTokens())
        {
            foreach (var trivia in token.TrailingTrivia)
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return SyntaxFactory.TriviaList(trivia);
                }
            }
        }

        return SyntaxFactory.TriviaList(SyntaxFactory.ElasticCarriageReturnLineFeed);
    }

    private static SyntaxNode InsertBefore(SyntaxNode root, StatementSyntax statement, StatementSyntax declaration, StatementSyntax rewritten)
    {
        switch (statement.Parent)
        {
            case BlockSyntax:
                return root.ReplaceNode(statement, new[] { declaration, rewritten.WithLeadingTrivia(statement.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia))) });
            case GlobalStatementSyntax global when root is CompilationUnitSyntax unit:
                var globalDeclaration = SyntaxFactory.GlobalStatement(declaration);
                return unit.ReplaceNode(global, new[] { globalDeclaration, global.WithStatement(rewritten.WithLeadingTrivia(statement.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))) });
            default:
                return root;
        }
    }

    /// <summary>The creation runs every time the statement does: no lambda, condition or `?.` between them.</summary>
    private static bool IsUnconditionalIn(SyntaxNode held, StatementSyntax statement, SemanticModel model)
    {
        if (statement is not (ExpressionStatementSyntax or LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0 } or ReturnStatementSyntax))
        {
            return false;
        }

        // A using declaration is not allowed directly in a switch section (CS8647).
        if (statement.Parent is not (BlockSyntax or GlobalStatementSyntax))
        {
            return false;
        }

        for (var node = held.Parent; node is not null && node != statement; node = node.Parent)
        {
            switch (node)
            {
                case AnonymousFunctionExpressionSyntax:
                case ConditionalExpressionSyntax conditional when conditional.Condition != held && !conditional.Condition.Span.Contains(held.Span):
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalAndExpression) || binary.IsKind(SyntaxKind.LogicalOrExpression) || binary.IsKind(SyntaxKind.CoalesceExpression):
                case ConditionalAccessExpressionSyntax access when access.WhenNotNull.Span.Contains(held.Span):
                case SwitchExpressionSyntax:
                    return false;
            }
        }

        if (statement is ReturnStatementSyntax)
        {
            // Released when the method returns: fine if the value is consumed before (awaited, or
            // read into a number or a string: `return new FileStream(p).Length;`), not when a task
            // or deferred query that still uses it is returned.
            var awaitsIt = held is AwaitExpressionSyntax || held.Ancestors().TakeWhile(n => n != statement).Any(n => n is AwaitExpressionSyntax);
            return awaitsIt || (statement is ReturnStatementSyntax { Expression: { } returned } && IsPlainValue(model.GetTypeInfo(returned).Type));
        }

        return true;
    }

    /// <summary>A value that cannot refer to the resource: a number, a bool, a char, a string, an enum.</summary>
    private static bool IsPlainValue(ITypeSymbol? type)
        => type is not null && (type.TypeKind == TypeKind.Enum || type.SpecialType is SpecialType.System_Boolean or SpecialType.System_Char
            or SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
            or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
            or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal or SpecialType.System_String
            or SpecialType.System_DateTime);

    /// <summary>Moving the creation before the statement must not reorder it with anything the statement runs first.</summary>
    private static bool CanHoist(SyntaxNode held, StatementSyntax statement, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var node in statement.DescendantNodes())
        {
            if (node.Span.End > held.SpanStart || node.Span.Contains(held.Span))
            {
                continue;
            }

            switch (node)
            {
                case InvocationExpressionSyntax:
                case BaseObjectCreationExpressionSyntax:
                case AwaitExpressionSyntax:
                case AssignmentExpressionSyntax:
                case PostfixUnaryExpressionSyntax:
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression }:
                    return false;
                case MemberAccessExpressionSyntax access when model.GetSymbolInfo(access, cancellationToken).Symbol is IPropertySymbol:
                    return false;
            }
        }

        // A local the statement declares and the creation reads would not exist yet.
        var declared = statement.DescendantNodes().OfType<VariableDeclaratorSyntax>().Select(d => d.Identifier.ValueText).ToList();
        return !held.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(id => declared.Contains(id.Identifier.ValueText));
    }

    /// <summary><c>=> expr</c> of a method or local function becomes a block, then the local is introduced in it.</summary>
    private static async Task<Document?> ConvertExpressionBodyAsync(Document document, SyntaxNode root, ExpressionSyntax held, CancellationToken cancellationToken)
    {
        if (held.FirstAncestorOrSelf<ArrowExpressionClauseSyntax>() is not { } arrow
            || arrow.Parent is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax)
            || held.Ancestors().TakeWhile(n => n != arrow).Any(n => n is AnonymousFunctionExpressionSyntax))
        {
            return null;
        }

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model?.GetDeclaredSymbol(arrow.Parent, cancellationToken) is not IMethodSymbol method)
        {
            return null;
        }

        var returnsValue = !method.ReturnsVoid && !(method.IsAsync && method.ReturnType is INamedTypeSymbol { IsGenericType: false, Name: "Task" or "ValueTask" });
        var marker = new SyntaxAnnotation();
        var expression = arrow.Expression.ReplaceNode(held, held.WithAdditionalAnnotations(marker));
        StatementSyntax statement = returnsValue
            ? SyntaxFactory.ReturnStatement(expression.WithoutTrivia())
            : SyntaxFactory.ExpressionStatement(expression.WithoutTrivia());
        var block = SyntaxFactory.Block(statement).WithAdditionalAnnotations(Formatter.Annotation);

        SyntaxNode newMember = arrow.Parent switch
        {
            MethodDeclarationSyntax m => m.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block),
            LocalFunctionStatementSyntax f => f.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block),
            _ => arrow.Parent,
        };
        newMember = newMember.WithTrailingTrivia(arrow.Parent.GetTrailingTrivia());
        var converted = document.WithSyntaxRoot(root.ReplaceNode(arrow.Parent, newMember));
        converted = await Formatter.FormatAsync(converted, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        var newRoot = await converted.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var newHeld = newRoot?.GetAnnotatedNodes(marker).FirstOrDefault();
        if (newHeld is null)
        {
            return null;
        }

        // Introduce on the creation inside the new statement (held may include its await).
        var creation = newHeld is AwaitExpressionSyntax awaitExpression ? awaitExpression.Expression : newHeld;
        while (creation is ParenthesizedExpressionSyntax parenthesized)
        {
            creation = parenthesized.Expression;
        }

        return await IntroduceAsync(converted, creation, cancellationToken).ConfigureAwait(false);
    }
}
