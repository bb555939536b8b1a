using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Ownership.Analyzers.CodeFixes.Locals;

/// <summary>OWN102: keep the discarded resource in a <c>using</c> local.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OWN102IntroduceUsingLocalCodeFix))]
public sealed class OWN102IntroduceUsingLocalCodeFix : OwnershipCodeFixProvider
{

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.CreatedResourceDiscarded);

    private protected override string Title => "Keep it in a 'using' local";

    private protected override string EquivalenceKey => "OWN102.IntroduceUsingLocal";

    private protected override Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
        => UsingLocalIntroducer.IntroduceAsync(document, node, cancellationToken);

}
