using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Reliability;

/// <summary>
/// What a fix did to a project, judged against the project before it: compiler errors it added,
/// and which of the diagnostics it was meant to fix are still reported at the same spot (the
/// spot followed through the fix's text changes).
/// </summary>
internal sealed record FixOutcome(ImmutableArray<Diagnostic> NewErrors, ImmutableArray<Diagnostic> StillReported, ImmutableArray<Diagnostic> NewAnalyzerDiagnostics, ImmutableArray<Exception> AnalyzerExceptions)
{
    public static async Task<FixOutcome> JudgeAsync(Project before, ImmutableArray<Diagnostic> analyzerDiagnosticsBefore, Solution after, DocumentId changed, IReadOnlyCollection<Diagnostic> meantToFix, CancellationToken cancellationToken)
    {
        var project = after.GetProject(before.Id)!;
        var compilationBefore = (await before.GetCompilationAsync(cancellationToken))!;
        var compilation = (await project.GetCompilationAsync(cancellationToken))!;
        var newErrors = Subtract(Errors(compilation), CachedErrors(compilationBefore));

        var changes = (await project.GetDocument(changed)!.GetTextChangesAsync(before.GetDocument(changed)!, cancellationToken)).ToImmutableArray();
        var tree = await project.GetDocument(changed)!.GetSyntaxTreeAsync(cancellationToken);
        var (diagnostics, exceptions) = await AllAnalyzers.RunAsync(compilation, cancellationToken: cancellationToken);
        var inDocument = diagnostics.Where(d => d.Location.SourceTree == tree).ToImmutableArray();
        var stillReported = meantToFix
            .Where(fixedOne => inDocument.Any(now => now.Id == fixedOne.Id && Overlaps(now.Location.SourceSpan, Map(fixedOne.Location.SourceSpan, changes))))
            .ToImmutableArray();
        var newAnalyzerDiagnostics = Subtract(diagnostics, analyzerDiagnosticsBefore);
        return new FixOutcome(newErrors, stillReported, newAnalyzerDiagnostics, exceptions.ToImmutableArray());
    }

    // The project before the fix is judged against once per offered action: its errors are computed once.
    private static readonly ConditionalWeakTable<Compilation, Lazy<ImmutableArray<Diagnostic>>> ErrorsBefore = new();

    private static IEnumerable<Diagnostic> Errors(Compilation compilation)
        => compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);

    private static ImmutableArray<Diagnostic> CachedErrors(Compilation compilation)
        => ErrorsBefore.GetValue(compilation, c => new Lazy<ImmutableArray<Diagnostic>>(() => Errors(c).ToImmutableArray())).Value;

    /// <summary>Diagnostics of <paramref name="after"/> not matched by one of <paramref name="before"/> (by id and message; positions move).</summary>
    private static ImmutableArray<Diagnostic> Subtract(IEnumerable<Diagnostic> after, IEnumerable<Diagnostic> before)
    {
        var remaining = before.GroupBy(Key).ToDictionary(group => group.Key, group => group.Count());
        var added = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var diagnostic in after)
        {
            if (remaining.TryGetValue(Key(diagnostic), out var count) && count > 0)
            {
                remaining[Key(diagnostic)] = count - 1;
            }
            else
            {
                added.Add(diagnostic);
            }
        }

        return added.ToImmutable();
    }

    private static string Key(Diagnostic diagnostic) => diagnostic.Id + ": " + diagnostic.GetMessage(CultureInfo.InvariantCulture);

    private static bool Overlaps(TextSpan now, TextSpan spot)
        => now.OverlapsWith(spot) || now == spot || (spot.IsEmpty && now.Contains(spot.Start));

    /// <summary>Where <paramref name="span"/> of the old text lies in the new text; a span the changes rewrote grows to cover the rewrite.</summary>
    public static TextSpan Map(TextSpan span, ImmutableArray<TextChange> changes)
        => TextSpan.FromBounds(MapPosition(span.Start, changes, start: true), Math.Max(MapPosition(span.Start, changes, start: true), MapPosition(span.End, changes, start: false)));

    private static int MapPosition(int position, ImmutableArray<TextChange> changes, bool start)
    {
        var shift = 0;
        foreach (var change in changes.OrderBy(c => c.Span.Start))
        {
            var delta = change.NewText!.Length - change.Span.Length;
            if (change.Span.End <= position && !(change.Span.IsEmpty && change.Span.Start == position && !start))
            {
                shift += delta;
                continue;
            }

            if (change.Span.Start < position)
            {
                // Inside a rewritten region: the spot is the whole rewrite.
                return start ? change.Span.Start + shift : change.Span.Start + shift + change.NewText.Length;
            }

            break;
        }

        return position + shift;
    }
}
