using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Reliability;

/// <summary>An exception thrown by an analyzer or a fix, and at which stage.</summary>
internal sealed record ProbeFailure(string Stage, Exception Exception)
{
    /// <summary>Type and innermost frame in our code (or what a fix broke): failures with the same signature are one bug.</summary>
    public string Signature
    {
        get
        {
            if (Exception is BrokenFixException broken)
            {
                return $"{Stage}: {broken.What}";
            }

            var frame = (Exception.StackTrace ?? string.Empty)
                .Split('\n')
                .Select(line => line.Trim())
                .FirstOrDefault(line => line.Contains("Ownership.Analyzers", StringComparison.Ordinal) && !line.Contains("Ownership.Analyzers.Tests", StringComparison.Ordinal))
                ?? "(no frame in Ownership.Analyzers)";
            var at = frame.IndexOf(" in ", StringComparison.Ordinal);
            return $"{Stage}: {Exception.GetType().FullName} {(at > 0 ? frame.Substring(0, at) : frame)}";
        }
    }
}

/// <summary>A fix ran without throwing but left the code worse: a new compiler error, or its diagnostic still there.</summary>
internal sealed class BrokenFixException : Exception
{
    public BrokenFixException(string what, string details)
        : base(what + "\n" + details)
    {
        What = what;
    }

    /// <summary>Short and position-free, e.g. "new CS0128" or "OWN101 still reported".</summary>
    public string What { get; }
}

/// <summary>What one probe saw: failures, and counts that show the analyzers and fixes were exercised.</summary>
internal sealed record ProbeResult(ImmutableArray<ProbeFailure> Failures, int Diagnostics, int FixableDiagnostics, int ActionsOffered);

/// <summary>
/// Runs every analyzer on a project and, where a fix handles a reported diagnostic, asks every
/// fix for its actions, computes them and the document's Fix All. Any exception is a failure.
/// With <c>judgeFixes</c>, each result is also judged like <see cref="FixesCompileTests"/> does
/// (no new compiler error, the diagnostic gone at its spot); broken code may stay broken.
/// </summary>
internal static class CrashProbe
{
    public static async Task<ProbeResult> RunAsync(Project project, bool concurrent, bool withFixes, bool judgeFixes, CancellationToken cancellationToken)
    {
        var failures = ImmutableArray.CreateBuilder<ProbeFailure>();
        var compilation = (await project.GetCompilationAsync(cancellationToken))!;
        var (diagnostics, exceptions) = await AllAnalyzers.RunAsync(compilation, concurrent, cancellationToken);
        failures.AddRange(exceptions.Select(exception => new ProbeFailure("analyzer", exception)));
        var fixable = 0;
        var offered = 0;
        if (!withFixes)
        {
            return new ProbeResult(failures.ToImmutable(), diagnostics.Length, fixable, offered);
        }

        foreach (var provider in AllAnalyzers.CodeFixes)
        {
            var name = provider.GetType().Name;
            foreach (var document in project.Documents)
            {
                var handled = await CodeFixRunner.FixableInAsync(provider, document, diagnostics, cancellationToken);
                if (handled.IsEmpty)
                {
                    continue;
                }

                fixable += handled.Length;
                string? key = null;
                var fixedOnes = new List<Diagnostic>();
                foreach (var diagnostic in handled)
                {
                    await Guard(failures, $"{name} on {diagnostic.Id}", cancellationToken, async () =>
                    {
                        foreach (var action in await CodeFixRunner.OfferedAsync(provider, document, diagnostic, cancellationToken))
                        {
                            offered++;
                            key ??= action.EquivalenceKey;
                            fixedOnes.Add(diagnostic);
                            var after = await CodeFixRunner.ApplyAsync(action, cancellationToken);
                            if (judgeFixes)
                            {
                                await JudgeAsync(project, diagnostics, document, after, new[] { diagnostic }, cancellationToken);
                            }
                        }
                    });
                }

                await Guard(failures, $"{name} Fix All", cancellationToken, async () =>
                {
                    var fixAll = await CodeFixRunner.FixAllAsync(provider, document, key, handled, cancellationToken);
                    if (fixAll is not null)
                    {
                        var after = await CodeFixRunner.ApplyAsync(fixAll, cancellationToken);
                        if (judgeFixes && fixedOnes.Count > 0)
                        {
                            await JudgeAsync(project, diagnostics, document, after, fixedOnes, cancellationToken);
                        }
                    }
                });
            }
        }

        return new ProbeResult(failures.ToImmutable(), diagnostics.Length, fixable, offered);
    }

    private static async Task JudgeAsync(Project project, ImmutableArray<Diagnostic> diagnostics, Document document, Solution? after, IReadOnlyCollection<Diagnostic> meantToFix, CancellationToken cancellationToken)
    {
        if (after is null)
        {
            throw new BrokenFixException("no change", "the action offers no change");
        }

        var outcome = await FixOutcome.JudgeAsync(project, diagnostics, after, document.Id, meantToFix, cancellationToken);
        if (!outcome.AnalyzerExceptions.IsEmpty)
        {
            throw new AggregateException("analyzer exception on the fixed code", outcome.AnalyzerExceptions);
        }

        if (outcome.NewErrors.IsEmpty && outcome.StillReported.IsEmpty)
        {
            return;
        }

        var what = string.Join(", ", outcome.NewErrors.Select(e => "new " + e.Id).Concat(outcome.StillReported.Select(d => d.Id + " still reported")).Distinct().OrderBy(w => w, StringComparer.Ordinal));
        var fixedText = (await after.GetDocument(document.Id)!.GetTextAsync(cancellationToken)).ToString();
        var details = string.Join("\n", outcome.NewErrors.Select(e => "new error: " + e).Concat(outcome.StillReported.Select(d => "still reported: " + d)))
            + "\nfixed document:\n" + fixedText;
        throw new BrokenFixException(what, details);
    }

    private static async Task Guard(ImmutableArray<ProbeFailure>.Builder failures, string stage, CancellationToken cancellationToken, Func<Task> run)
    {
        try
        {
            await run();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failures.Add(new ProbeFailure(stage, exception));
        }
    }
}
