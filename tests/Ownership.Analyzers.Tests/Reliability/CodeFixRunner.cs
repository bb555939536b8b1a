using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Ownership.Analyzers.Tests.Reliability;

/// <summary>
/// Drives a <see cref="CodeFixProvider"/> the way an IDE does, through the public Workspaces API:
/// ask for the actions offered on one diagnostic, apply one, or build the Fix All action of a
/// document from given diagnostics.
/// </summary>
internal static class CodeFixRunner
{
    /// <summary>The diagnostics of <paramref name="diagnostics"/> that <paramref name="provider"/> handles and that lie in <paramref name="document"/>.</summary>
    public static async Task<ImmutableArray<Diagnostic>> FixableInAsync(CodeFixProvider provider, Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var tree = await document.GetSyntaxTreeAsync(cancellationToken);
        return diagnostics
            .Where(diagnostic => provider.FixableDiagnosticIds.Contains(diagnostic.Id) && diagnostic.Location.SourceTree == tree)
            .OrderBy(diagnostic => diagnostic.Location.SourceSpan.Start)
            .ThenBy(diagnostic => diagnostic.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    public static async Task<ImmutableArray<CodeAction>> OfferedAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var actions = ImmutableArray.CreateBuilder<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
        await provider.RegisterCodeFixesAsync(context);
        return actions.ToImmutable();
    }

    /// <summary>The solution after the action; null when it offers no change (no <see cref="ApplyChangesOperation"/>).</summary>
    public static async Task<Solution?> ApplyAsync(CodeAction action, CancellationToken cancellationToken)
    {
        var operations = await action.GetOperationsAsync(cancellationToken);
        return operations.OfType<ApplyChangesOperation>().SingleOrDefault()?.ChangedSolution;
    }

    /// <summary>The provider's Fix All action for the document (scope Document), or null when it has none.</summary>
    public static Task<CodeAction?> FixAllAsync(CodeFixProvider provider, Document document, string? equivalenceKey, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var fixAll = provider.GetFixAllProvider();
        if (fixAll is null)
        {
            return Task.FromResult<CodeAction?>(null);
        }

        var context = new FixAllContext(
            document,
            provider,
            FixAllScope.Document,
            equivalenceKey,
            provider.FixableDiagnosticIds,
            new KnownDiagnostics(diagnostics),
            cancellationToken);
        return fixAll.GetFixAsync(context);
    }

    /// <summary>Hands Fix All the diagnostics the analyzers already reported, per document.</summary>
    private sealed class KnownDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public KnownDiagnostics(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken);
            return _diagnostics.Where(diagnostic => diagnostic.Location.SourceTree == tree);
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
    }
}
