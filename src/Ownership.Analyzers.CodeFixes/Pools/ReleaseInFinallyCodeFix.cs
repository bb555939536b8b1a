using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace Ownership.Analyzers.CodeFixes.Pools;

/// <summary>
/// The fix the OWN5xx leak rules share: release the value in <c>finally</c> (see
/// <see cref="ReleaseInFinallyIntroducer"/>). Fix All applies the fixes one by one, so that
/// two values in one block end in nested <c>try</c>/<c>finally</c> statements.
/// </summary>
public abstract class ReleaseInFinallyCodeFix : OwnershipCodeFixProvider
{
    private protected sealed override Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
        => ReleaseInFinallyIntroducer.IntroduceAsync(document, node, diagnostic, cancellationToken);
}
