using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Ownership.Analyzers.CodeFixes.Types;

namespace Ownership.Analyzers.CodeFixes.Roots;

/// <summary>
/// OWN405's one fix: dispose the timer where its owner is released — added to the type's
/// Dispose when it is disposable (OWN202's fix), else by implementing IDisposable (OWN201's).
/// One provider per diagnostic, so that `dotnet format` never picks one that has nothing to do.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN405DisposeTimerCodeFix))]
public sealed class OWN405DisposeTimerCodeFix : OwnershipCodeFixProvider
{
    private readonly OWN202AddReleaseCodeFix _addRelease = new();
    private readonly OWN201ImplementDisposableCodeFix _implementDisposable = new();

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.TimerRootsItsOwner);

    private protected override string Title => "Dispose the timer where its owner is released";

    private protected override string EquivalenceKey => "OWN405.DisposeTimer";

    private protected override async Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
        => await _addRelease.ApplyAsync(document, node, diagnostic, cancellationToken).ConfigureAwait(false)
            ?? await _implementDisposable.ApplyAsync(document, node, diagnostic, cancellationToken).ConfigureAwait(false);
}
