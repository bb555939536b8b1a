using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ownership.Analyzers.CodeFixes;

/// <summary>Picks a name for a new local that clashes with nothing visible or declared in the member.</summary>
internal static class LocalNames
{
    public static string Choose(SemanticModel model, SyntaxNode position, ITypeSymbol type)
    {
        var taken = new HashSet<string>();
        foreach (var symbol in model.LookupSymbols(position.SpanStart))
        {
            taken.Add(symbol.Name);
        }

        // Locals declared anywhere in the member would clash too (C# forbids shadowing them).
        var member = position.FirstAncestorOrSelf<MemberDeclarationSyntax>() as SyntaxNode ?? position.SyntaxTree.GetRoot();
        foreach (var node in member.DescendantNodes())
        {
            switch (node)
            {
                case VariableDeclaratorSyntax declarator:
                    taken.Add(declarator.Identifier.ValueText);
                    break;
                case SingleVariableDesignationSyntax designation:
                    taken.Add(designation.Identifier.ValueText);
                    break;
                case ParameterSyntax parameter:
                    taken.Add(parameter.Identifier.ValueText);
                    break;
                case ForEachStatementSyntax forEach:
                    taken.Add(forEach.Identifier.ValueText);
                    break;
                case LocalFunctionStatementSyntax localFunction:
                    taken.Add(localFunction.Identifier.ValueText);
                    break;
            }
        }

        var baseName = Camel(type.Name);
        if (Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(baseName) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None)
        {
            baseName = "@" + baseName;
        }

        var name = baseName;
        for (var i = 2; taken.Contains(name.TrimStart('@')); i++)
        {
            name = baseName + i;
        }

        return name;
    }

    private static string Camel(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "resource";
        }

        // IDisposable -> disposable, HttpClient -> httpClient.
        if (name.Length > 2 && name[0] == 'I' && char.IsUpper(name[1]) && char.IsLower(name[2]))
        {
            name = name.Substring(1);
        }

        var upper = 0;
        while (upper < name.Length && char.IsUpper(name[upper]))
        {
            upper++;
        }

        if (upper == 0)
        {
            return name;
        }

        // XMLReader -> xmlReader; Stream -> stream.
        var lowerCount = upper == 1 || upper == name.Length ? upper : upper - 1;
        return name.Substring(0, lowerCount).ToLowerInvariant() + name.Substring(lowerCount);
    }
}
