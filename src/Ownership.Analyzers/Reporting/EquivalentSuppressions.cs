using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ownership.Analyzers.Reporting;

/// <summary>
/// A justified suppression of the equivalent rule of another tool at the same place
/// (<c>#pragma warning disable CA2215</c>, <c>[SuppressMessage("…", "CA2213")]</c>) is the user's
/// verdict on that code: the OWN rule that reports the same defect honours it. The mapping is the
/// catalog's anchors (docs/suppressions.md lists it).
/// </summary>
internal static class EquivalentSuppressions
{
    /// <summary>The other tools' ids that name the defect each OWN rule reports.</summary>
    public static readonly ImmutableDictionary<string, ImmutableArray<string>> Equivalents = new Dictionary<string, ImmutableArray<string>>
    {
        ["OWN101"] = ImmutableArray.Create("CA2000", "IDISP001"),
        ["OWN102"] = ImmutableArray.Create("CA2000", "IDISP004"),
        ["OWN103"] = ImmutableArray.Create("CA2000", "IDISP017"),
        ["OWN104"] = ImmutableArray.Create("IDISP003"),
        ["OWN201"] = ImmutableArray.Create("CA1001", "IDISP006"),
        ["OWN202"] = ImmutableArray.Create("CA2213", "IDISP002"),
        ["OWN203"] = ImmutableArray.Create("IDISP003"),
        ["OWN204"] = ImmutableArray.Create("IDISP007"),
        ["OWN205"] = ImmutableArray.Create("IDISP008"),
        ["OWN206"] = ImmutableArray.Create("CA2215", "IDISP010"),
        ["OWN207"] = ImmutableArray.Create("CA1063", "CA1816"),
        ["OWN208"] = ImmutableArray.Create("IDISP025", "IDISP026"),
        ["OWN209"] = ImmutableArray.Create("IDISP009"),
        ["OWN301"] = ImmutableArray.Create("IDISP016", "S2997"),
        ["OWN302"] = ImmutableArray.Create("S3966"),
        ["OWN303"] = ImmutableArray.Create("IDISP011", "IDISP013", "CA2025"),
        ["OWN403"] = ImmutableArray.Create("S3244"),
    }.ToImmutableDictionary(StringComparer.Ordinal);

    private static readonly ConditionalWeakTable<SyntaxTree, List<(string Id, int Start, int End)>> PragmaRegions = new();

    /// <summary>True when the diagnostic's place suppresses an equivalent id of another tool.</summary>
    public static bool Suppresses(Compilation compilation, Diagnostic diagnostic)
    {
        if (!Equivalents.TryGetValue(diagnostic.Id, out var ids) || diagnostic.Location.SourceTree is not { } tree)
        {
            return false;
        }

        var position = diagnostic.Location.SourceSpan.Start;
        foreach (var (id, start, end) in PragmaRegions.GetValue(tree, ComputePragmaRegions))
        {
            if (position >= start && position < end && ids.Contains(id))
            {
                return true;
            }
        }

        return SuppressedByAttribute(compilation, tree, position, ids);
    }

    /// <summary>The spans between each <c>#pragma warning disable X</c> and the next restore of X (or the end of the file).</summary>
    private static List<(string Id, int Start, int End)> ComputePragmaRegions(SyntaxTree tree)
    {
        var regions = new List<(string, int, int)>();
        var open = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var root = tree.GetRoot();
        if (!root.ContainsDirectives)
        {
            return regions;
        }

        foreach (var trivia in root.DescendantTrivia())
        {
            if (!trivia.IsKind(SyntaxKind.PragmaWarningDirectiveTrivia) || trivia.GetStructure() is not PragmaWarningDirectiveTriviaSyntax pragma)
            {
                continue;
            }

            var disable = pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword);
            foreach (var code in pragma.ErrorCodes)
            {
                var id = code.ToString().Trim();
                if (disable)
                {
                    if (!open.ContainsKey(id))
                    {
                        open[id] = pragma.Span.End;
                    }
                }
                else if (open.TryGetValue(id, out var start))
                {
                    regions.Add((id.ToUpperInvariant(), start, pragma.SpanStart));
                    open.Remove(id);
                }
            }
        }

        foreach (var pair in open)
        {
            regions.Add((pair.Key.ToUpperInvariant(), pair.Value, root.FullSpan.End));
        }

        return regions;
    }

    /// <summary>A <c>[SuppressMessage]</c> on a symbol enclosing the place, naming one of the ids.</summary>
    private static bool SuppressedByAttribute(Compilation compilation, SyntaxTree tree, int position, ImmutableArray<string> ids)
    {
        var node = tree.GetRoot().FindToken(position).Parent;
        if (Model.OwnershipModel.For(compilation).Summaries.SemanticModelFor(tree) is not { } semanticModel)
        {
            return false;
        }

        for (; node is not null; node = node.Parent)
        {
            if (node is not (MemberDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax))
            {
                continue;
            }

            var attributes = node switch
            {
                MemberDeclarationSyntax member => member.AttributeLists,
                AccessorDeclarationSyntax accessor => accessor.AttributeLists,
                LocalFunctionStatementSyntax local => local.AttributeLists,
                _ => default,
            };
            foreach (var list in attributes)
            {
                foreach (var attribute in list.Attributes)
                {
                    if (IsSuppressMessage(attribute) && attribute.ArgumentList is { Arguments.Count: >= 2 } arguments
                        && semanticModel.GetConstantValue(arguments.Arguments[1].Expression) is { HasValue: true, Value: string checkId }
                        && ids.Contains(CheckIdOf(checkId)))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool IsSuppressMessage(AttributeSyntax attribute)
    {
        var name = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
        return name is "SuppressMessage" or "SuppressMessageAttribute" or "UnconditionalSuppressMessage" or "UnconditionalSuppressMessageAttribute";
    }

    /// <summary>"CA2213:Disposable fields should be disposed" → "CA2213".</summary>
    private static string CheckIdOf(string checkId)
    {
        var colon = checkId.IndexOf(':');
        return (colon >= 0 ? checkId.Substring(0, colon) : checkId).Trim().ToUpperInvariant();
    }
}

/// <summary>
/// Every rule reports through these, so that an equivalent suppression of another tool is honoured
/// everywhere, and so that while the baseline is written every finding carries its baseline key.
/// </summary>
internal static class OwnershipReporting
{
    public static void ReportOwnership(this OperationBlockAnalysisContext context, Diagnostic diagnostic)
    {
        if (!EquivalentSuppressions.Suppresses(context.Compilation, diagnostic))
        {
            context.ReportDiagnostic(BaselineKeys.WithKeyWhenWriting(diagnostic, context.Options));
        }
    }

    public static void ReportOwnership(this SymbolAnalysisContext context, Diagnostic diagnostic)
    {
        if (!EquivalentSuppressions.Suppresses(context.Compilation, diagnostic))
        {
            context.ReportDiagnostic(BaselineKeys.WithKeyWhenWriting(diagnostic, context.Options));
        }
    }

    public static void ReportOwnership(this OperationAnalysisContext context, Diagnostic diagnostic)
    {
        if (!EquivalentSuppressions.Suppresses(context.Compilation, diagnostic))
        {
            context.ReportDiagnostic(BaselineKeys.WithKeyWhenWriting(diagnostic, context.Options));
        }
    }

    public static void ReportOwnership(this SyntaxNodeAnalysisContext context, Diagnostic diagnostic)
    {
        if (!EquivalentSuppressions.Suppresses(context.Compilation, diagnostic))
        {
            context.ReportDiagnostic(BaselineKeys.WithKeyWhenWriting(diagnostic, context.Options));
        }
    }

    public static void ReportOwnership(this CompilationAnalysisContext context, Diagnostic diagnostic)
    {
        if (!EquivalentSuppressions.Suppresses(context.Compilation, diagnostic))
        {
            context.ReportDiagnostic(BaselineKeys.WithKeyWhenWriting(diagnostic, context.Options));
        }
    }
}
