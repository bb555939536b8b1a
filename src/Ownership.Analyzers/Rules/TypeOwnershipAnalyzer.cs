using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model;
using Ownership.Analyzers.Model.Types;

namespace Ownership.Analyzers.Rules;

/// <summary>
/// The plumbing shared by the rules that read a type's ownership (OWN2xx): one model per
/// compilation, the model's answer per type, and the rule's reading of it. Silent for a type
/// with invalid code.
/// </summary>
#pragma warning disable RS1025, RS1026 // RuleFamilies configures the context
public abstract class TypeOwnershipAnalyzer : DiagnosticAnalyzer, ITypeEndRule
{
    public sealed override void Initialize(AnalysisContext context) => RuleFamilies.RegisterTypeEndRules(context, new ITypeEndRule[] { this });

    bool ITypeEndRule.TryPrepare(Compilation compilation, OwnershipModel model, out System.Action<SymbolAnalysisContext> atTypeEnd)
    {
        atTypeEnd = symbolEnd => AnalyzeType(symbolEnd, model);
        return true;
    }

    private void AnalyzeType(SymbolAnalysisContext context, OwnershipModel model)
    {
        if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsStatic: false } type
            || type.Locations.Length == 0 || type.Locations[0].SourceTree is not { } tree)
        {
            return;
        }

        var ownership = model.GetTypeOwnership(type, OwnershipOptions.Get(context.Options, tree));
        if (ownership.HasErrors || ownership.Members.IsEmpty)
        {
            return;
        }

        Analyze(context, model, ownership);
    }

    private protected abstract void Analyze(SymbolAnalysisContext context, OwnershipModel model, TypeOwnership ownership);

    private protected static bool IsDisposable(OwnershipModel model, INamedTypeSymbol type)
        => model.Knowledge.IsResourceType(type);

    /// <summary>
    /// Where a finding about the type goes: the declaration (of a partial type) that declares
    /// <paramref name="member"/>, else the first declaration.
    /// </summary>
    private protected static Location TypeLocationFor(INamedTypeSymbol type, ISymbol? member)
    {
        if (member?.Locations.Length > 0 && member.Locations[0].SourceTree is { } tree)
        {
            var position = member.Locations[0].SourceSpan.Start;
            foreach (var location in type.Locations)
            {
                if (location.SourceTree == tree && location.SourceSpan.Start <= position
                    && tree.GetRoot().FindToken(location.SourceSpan.Start).Parent is Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax declaration
                    && declaration.Span.Contains(position))
                {
                    return location;
                }
            }
        }

        return type.Locations[0];
    }

    /// <summary>Where a member is declared (the property for an auto-property's backing field).</summary>
    private protected static Location LocationOf(ISymbol member)
        => member.Locations.Length > 0 ? member.Locations[0] : Location.None;

    /// <summary>"in the constructor", "in 'Open'", "in its initializer" — for messages.</summary>
    private protected static string DescribeSite(MemberAssignment assignment)
    {
        var syntax = assignment.Site.Syntax;
        for (var node = syntax; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case Microsoft.CodeAnalysis.CSharp.Syntax.ConstructorDeclarationSyntax:
                    return "in the constructor";
                case Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax method:
                    return $"in '{method.Identifier.ValueText}'";
                case Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax:
                case Microsoft.CodeAnalysis.CSharp.Syntax.ArrowExpressionClauseSyntax { Parent: Microsoft.CodeAnalysis.CSharp.Syntax.BasePropertyDeclarationSyntax }:
                    return "in a property getter";
                case Microsoft.CodeAnalysis.CSharp.Syntax.EqualsValueClauseSyntax:
                    return "by its initializer";
            }
        }

        return "here";
    }
}
