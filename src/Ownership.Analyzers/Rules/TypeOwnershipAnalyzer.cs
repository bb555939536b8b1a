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
public abstract class TypeOwnershipAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var model = OwnershipModel.For(start.Compilation);
            RegisterAtTypeEnd(start, model, symbolEnd => AnalyzeType(symbolEnd, model));
        });
    }

    /// <summary>
    /// Runs <paramref name="action"/> at the end of each type, after the driver has bound its
    /// bodies: the model then reads them from the driver's semantic model (adopted here) instead
    /// of binding them a second time. Every rule that reads a type's ownership registers this way.
    /// </summary>
    internal static void RegisterAtTypeEnd(CompilationStartAnalysisContext start, OwnershipModel model, System.Action<SymbolAnalysisContext> action)
        => start.RegisterSymbolStartAction(
            symbolStart =>
            {
                symbolStart.RegisterOperationBlockAction(block => model.Summaries.Adopt(block.OperationBlocks.IsEmpty ? null : block.OperationBlocks[0].SemanticModel));
                symbolStart.RegisterSymbolEndAction(action);
            },
            SymbolKind.NamedType);

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
