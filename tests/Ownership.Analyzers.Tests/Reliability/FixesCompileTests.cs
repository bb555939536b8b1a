using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Ownership.Analyzers.Tests.Verifiers;
using Xunit.Abstractions;

namespace Ownership.Analyzers.Tests.Reliability;

/// <summary>
/// Fixes never break code: on every test input and sample, every action every fix offers, and
/// each fix's Fix All (scope Document), adds no compiler error and removes the diagnostic it
/// fixes at its spot. Fix tests check this for the inputs they were written for; this checks it
/// for every input any test was written for.
/// </summary>
public class FixesCompileTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    private readonly ITestOutputHelper _output;

    public FixesCompileTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> TestInputs() => TestInputCorpus.Names(TestInputCorpus.TestInputs);

    public static IEnumerable<object[]> Samples() => TestInputCorpus.Names(TestInputCorpus.Samples);

    [Theory]
    [MemberData(nameof(TestInputs))]
    public Task Every_fix_of_a_test_input_compiles_and_removes_its_diagnostic(string input) => CheckAsync(TestInputCorpus.Get(input));

    [Theory]
    [MemberData(nameof(Samples))]
    public Task Every_fix_of_a_sample_compiles_and_removes_its_diagnostic(string sample) => CheckAsync(TestInputCorpus.Get(sample));

    private async Task CheckAsync(CorpusInput input)
    {
        var problems = await ProblemsAsync(input, _output.WriteLine);
        Assert.True(problems.Length == 0, problems);
    }

    /// <summary>Every problem found with the fixes on <paramref name="input"/>, one block each; empty when none.</summary>
    internal static async Task<string> ProblemsAsync(CorpusInput input, Action<string> log)
    {
        using var timeout = new CancellationTokenSource(Bound);
        var cancellationToken = timeout.Token;
        var (project, _) = await CorpusWorkspace.CreateAsync(input);
        var compilation = (await project.GetCompilationAsync(cancellationToken))!;
        var (diagnostics, exceptions) = await AllAnalyzers.RunAsync(compilation, cancellationToken: cancellationToken);
        Assert.Empty(exceptions);

        var problems = new StringBuilder();
        var applied = 0;
        foreach (var provider in AllAnalyzers.CodeFixes)
        {
            foreach (var document in project.Documents)
            {
                applied += await CheckProviderAsync(provider, project, document, diagnostics, problems, log, cancellationToken);
            }
        }

        log($"{input.Name}: {diagnostics.Length} analyzer diagnostics, {applied} fixes applied");
        return problems.ToString();
    }

    private static async Task<int> CheckProviderAsync(CodeFixProvider provider, Project project, Document document, ImmutableArray<Diagnostic> diagnostics, StringBuilder problems, Action<string> log, CancellationToken cancellationToken)
    {
        var handled = await CodeFixRunner.FixableInAsync(provider, document, diagnostics, cancellationToken);
        var fixedOnes = new List<Diagnostic>();
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        var applied = 0;
        foreach (var diagnostic in handled)
        {
            foreach (var action in await CodeFixRunner.OfferedAsync(provider, document, diagnostic, cancellationToken))
            {
                var label = $"{provider.GetType().Name} '{action.Title}' on {diagnostic}";
                fixedOnes.Add(diagnostic);
                keys.Add(action.EquivalenceKey ?? string.Empty);
                applied++;
                await JudgeAsync(label, project, diagnostics, document, await CodeFixRunner.ApplyAsync(action, cancellationToken), new[] { diagnostic }, problems, log, cancellationToken);
            }
        }

        foreach (var key in keys)
        {
            var label = $"{provider.GetType().Name} Fix All (Document, key '{key}') in {document.FilePath}";
            var fixAll = await CodeFixRunner.FixAllAsync(provider, document, key.Length == 0 ? null : key, handled, cancellationToken);
            if (fixAll is null)
            {
                problems.AppendLine($"{label}: offers single fixes but no Fix All action");
                continue;
            }

            applied++;
            await JudgeAsync(label, project, diagnostics, document, await CodeFixRunner.ApplyAsync(fixAll, cancellationToken), fixedOnes, problems, log, cancellationToken);
        }

        return applied;
    }

    private static async Task JudgeAsync(string label, Project project, ImmutableArray<Diagnostic> diagnostics, Document document, Solution? after, IReadOnlyCollection<Diagnostic> meantToFix, StringBuilder problems, Action<string> log, CancellationToken cancellationToken)
    {
        if (after is null)
        {
            problems.AppendLine($"{label}: the action changes nothing");
            return;
        }

        var outcome = await FixOutcome.JudgeAsync(project, diagnostics, after, document.Id, meantToFix, cancellationToken);
        var fixedText = (await after.GetDocument(document.Id)!.GetTextAsync(cancellationToken)).ToString();
        if (!outcome.NewErrors.IsEmpty || !outcome.StillReported.IsEmpty || !outcome.AnalyzerExceptions.IsEmpty)
        {
            problems.AppendLine($"--- {label}");
            foreach (var error in outcome.NewErrors)
            {
                problems.AppendLine($"  new compiler error: {error}");
            }

            foreach (var still in outcome.StillReported)
            {
                problems.AppendLine($"  still reported at its spot: {still}");
            }

            foreach (var exception in outcome.AnalyzerExceptions)
            {
                problems.AppendLine($"  analyzer exception on the fixed code: {exception}");
            }

            problems.AppendLine("  fixed document:");
            problems.AppendLine(fixedText);
        }

        // Not a failure by itself (a fix may expose a second finding), but worth a look.
        foreach (var added in outcome.NewAnalyzerDiagnostics)
        {
            log($"note: {label} leads to a new analyzer diagnostic: {added}");
        }
    }
}
