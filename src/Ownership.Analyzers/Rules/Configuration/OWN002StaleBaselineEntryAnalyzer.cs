using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Ownership.Analyzers.Reporting;

namespace Ownership.Analyzers.Rules.Configuration;

/// <summary>
/// OWN002: an entry of the project's <c>ownership.baseline.json</c> names a file that is not in the
/// compilation, or a line (by its hash) that its member no longer has: the finding was fixed or the
/// code around it changed, and the entry suppresses nothing. Reported at the entry's line in the
/// baseline file, at the end of the compilation. An entry whose line is still there is not
/// reported even when the finding itself is gone (fixed elsewhere in the member): only a refresh
/// of the baseline can tell that.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OWN002StaleBaselineEntryAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN002);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationAction(Analyze);
    }

    private static void Analyze(CompilationAnalysisContext context)
    {
        if (Baseline.IsWriting(context.Options) || Baseline.Find(context.Options.AdditionalFiles, context.CancellationToken) is not { Entries.IsEmpty: false } baseline)
        {
            return;
        }

        var trees = new Dictionary<string, SyntaxTree>(StringComparer.OrdinalIgnoreCase);
        foreach (var tree in context.Compilation.SyntaxTrees)
        {
            trees[Baseline.RelativePath(baseline.Directory, tree.FilePath)] = tree;
        }

        var lines = new Dictionary<SyntaxTree, Dictionary<string, List<int>>>();
        var name = System.IO.Path.GetFileName(baseline.Path);
        foreach (var entry in baseline.Entries)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            string? problem = null;
            if (!trees.TryGetValue(entry.File, out var tree))
            {
                problem = $"'{entry.File}' is not in the compilation";
            }
            else if (!HasLine(tree, entry, lines))
            {
                problem = entry.Member.Length == 0 ? "its reported line is no longer in the file" : $"its reported line is no longer in '{entry.Member}'";
            }

            if (problem is not null)
            {
                var location = Location.Create(baseline.Path, entry.Span, baseline.Text.Lines.GetLinePositionSpan(entry.Span));
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.OWN002, location, $"{entry.Rule} at '{entry.Member}'", name, problem));
            }
        }
    }

    /// <summary>
    /// A line of the tree with the entry's hash whose first or last token is in the entry's member
    /// (or that lies in code the build leaves out, which cannot be judged).
    /// </summary>
    private static bool HasLine(SyntaxTree tree, Baseline.Entry entry, Dictionary<SyntaxTree, Dictionary<string, List<int>>> cache)
    {
        if (!cache.TryGetValue(tree, out var byHash))
        {
            byHash = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            var text = tree.GetText();
            foreach (var line in text.Lines)
            {
                var hash = Baseline.LineHash(text.ToString(line.Span));
                if (!byHash.TryGetValue(hash, out var starts))
                {
                    byHash[hash] = starts = new List<int>();
                }

                starts.Add(FirstNonWhiteSpace(text, line));
                starts.Add(LastNonWhiteSpace(text, line));
            }

            cache[tree] = byHash;
        }

        if (!byHash.TryGetValue(entry.Line, out var positions))
        {
            return false;
        }

        var root = tree.GetRoot();
        foreach (var position in positions)
        {
            if (root.FindTrivia(position).IsKind(SyntaxKind.DisabledTextTrivia) || Baseline.MemberAt(tree, position) == entry.Member)
            {
                return true;
            }
        }

        return false;
    }

    private static int LastNonWhiteSpace(SourceText text, TextLine line)
    {
        for (var position = line.End - 1; position >= line.Start; position--)
        {
            if (!char.IsWhiteSpace(text[position]))
            {
                return position;
            }
        }

        return line.Start;
    }

    private static int FirstNonWhiteSpace(SourceText text, TextLine line)
    {
        for (var position = line.Start; position < line.End; position++)
        {
            if (!char.IsWhiteSpace(text[position]))
            {
                return position;
            }
        }

        return line.Start;
    }
}
