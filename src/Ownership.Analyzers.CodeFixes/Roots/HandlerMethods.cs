using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ownership.Analyzers.CodeFixes.Roots;

/// <summary>Turning an event-handler lambda into a private method: what the OWN402 and OWN403 fixes share.</summary>
internal static class HandlerMethods
{
    /// <summary>The lambda reads or writes a local or a parameter of the member around it (not its own parameters).</summary>
    internal static bool UsesEnclosingLocals(AnonymousFunctionExpressionSyntax lambda, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var flow = semanticModel.AnalyzeDataFlow(lambda);
        if (flow is null || !flow.Succeeded)
        {
            return true;
        }

        return flow.Captured.Any(symbol => symbol is ILocalSymbol or IParameterSymbol { IsThis: false });
    }

    internal static MethodDeclarationSyntax? Create(string name, AnonymousFunctionExpressionSyntax lambda, IMethodSymbol invoke, SemanticModel semanticModel, int position, bool isStatic)
    {
        var names = lambda switch
        {
            SimpleLambdaExpressionSyntax simple => new List<string> { simple.Parameter.Identifier.ValueText },
            ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters.Select(p => p.Identifier.ValueText).ToList(),
            AnonymousMethodExpressionSyntax { ParameterList: { } list } => list.Parameters.Select(p => p.Identifier.ValueText).ToList(),
            _ => invoke.Parameters.Select(p => p.Name).ToList(),
        };
        if (names.Count != invoke.Parameters.Length)
        {
            return null;
        }

        // A discard (`_`) cannot name two parameters of a method: give each its delegate's name.
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == "_" || names.Take(i).Contains(names[i]))
            {
                names[i] = invoke.Parameters[i].Name;
            }
        }

        var parameters = string.Join(", ", invoke.Parameters.Select((p, i) => $"{p.Type.ToMinimalDisplayString(semanticModel, position)} {names[i]}"));
        var returns = invoke.ReturnType.ToMinimalDisplayString(semanticModel, position);
        var async = lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword) ? "async " : string.Empty;
        var body = lambda switch
        {
            { Block: { } block } => block.ToFullString().Trim(),
            { ExpressionBody: { } expression } => "=> " + expression.ToFullString().Trim() + ";",
            _ => null,
        };
        var modifiers = isStatic ? "private static " : "private ";
        return body is null ? null : SyntaxFactory.ParseMemberDeclaration($"{modifiers}{async}{returns} {name}({parameters}) {body}") as MethodDeclarationSyntax;
    }

    /// <summary>`OnChanged` for the event `Changed`, with a number when the type already has the name.</summary>
    internal static string MethodName(INamedTypeSymbol type, IEventSymbol @event)
        => MemberNames.Unique(type, "On" + @event.Name);
}
