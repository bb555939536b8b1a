using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Rules.Cycles;
using Ownership.Analyzers.Rules.Lifetimes;
using Ownership.Analyzers.Rules.Locals;
using Ownership.Analyzers.Rules.Pools;
using Ownership.Analyzers.Rules.Roots;
using Ownership.Analyzers.Rules.Types;

namespace Ownership.Analyzers.Rules;

/// <summary>
/// The rules that read a method body's ownership flow (OWN1xx, OWN3xx, OWN5xx), registered as one
/// analyzer: each body is handed out once, its flow computed once, then read by every rule.
/// Severity, suppression and enabling stay per rule: each rule has its own descriptor.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MethodOwnershipRulesAnalyzer : DiagnosticAnalyzer
{
    internal static readonly ImmutableArray<MethodOwnershipAnalyzer> Rules = ImmutableArray.Create<MethodOwnershipAnalyzer>(
        new OWN101DisposeCreatedResourceAnalyzer(),
        new OWN102CreatedResourceDiscardedAnalyzer(),
        new OWN103ReleaseNotInFinallyAnalyzer(),
        new OWN104LocalOverwrittenWhileOwningAnalyzer(),
        new OWN105AsyncDisposableDisposedSynchronouslyAnalyzer(),
        new OWN106ResourceReturnedThroughNonDisposableAnalyzer(),
        new OWN301UsedAfterReleaseAnalyzer(),
        new OWN302ReleasedTwiceAnalyzer(),
        new OWN303EscapesUsingScopeAnalyzer(),
        new OWN501RentedArrayNotReturnedAnalyzer(),
        new OWN502PooledArrayUsedAfterReturnAnalyzer(),
        new OWN503UnmanagedMemoryNotFreedAnalyzer(),
        new OWN504GCHandleNotFreedAnalyzer());

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Rules.SelectMany(rule => rule.SupportedDiagnostics).ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        RuleFamilies.RegisterMethodRules(context, Rules);
    }
}

/// <summary>
/// The rules read at the end of each type (OWN2xx type ownership, OWN207, OWN401/402/405, OWN601/602),
/// registered as one analyzer: one symbol-start action per type, one type model, every rule reading it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TypeOwnershipRulesAnalyzer : DiagnosticAnalyzer
{
    internal static readonly ImmutableArray<ITypeEndRule> Rules = ImmutableArray.Create<ITypeEndRule>(
        new OWN201OwningTypeNotDisposableAnalyzer(),
        new OWN202OwnedMemberNotReleasedAnalyzer(),
        new OWN203OwnedMemberOverwrittenAnalyzer(),
        new OWN204BorrowedResourceReleasedAnalyzer(),
        new OWN205MemberOwnedAndBorrowedAnalyzer(),
        new OWN207DisposePatternMisuseAnalyzer(),
        new OWN401EventHandlerNeverUnsubscribedAnalyzer(),
        new OWN402AnonymousHandlerOnLongerLivedEventAnalyzer(),
        new OWN405TimerRootsItsOwnerAnalyzer(),
        new OWN601OwnershipCycleAnalyzer(),
        new OWN602NativePeerStrongReferenceAnalyzer());

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Rules.SelectMany(rule => rule.SupportedDiagnostics).ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        RuleFamilies.RegisterTypeEndRules(context, Rules);
    }
}
