using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model;

namespace Ownership.Analyzers.Rules.Pools;

/// <summary>
/// The reading shared by the OWN5xx leak rules (OWN501, OWN503, OWN504): an allocation of the
/// rule's kind that is still owned when a path leaves the method, is overwritten, or is dropped.
/// The same model answer as OWN101's, for another kind of resource. A release skipped only when
/// an exception is thrown is OWN103's finding, as it is for disposables.
/// </summary>
#pragma warning disable RS1025, RS1026 // RuleFamilies configures the context
public abstract class HandleOwnershipAnalyzer : MethodOwnershipAnalyzer
{
    /// <summary>Diagnostic property: nothing releases or hands the value on, so a release in <c>finally</c> fixes it.</summary>
    public const string NeverReleasedProperty = "NeverReleased";

    /// <summary>Diagnostic property: the name of the method that releases it (<c>Return</c>, <c>FreeHGlobal</c>, <c>Free</c>).</summary>
    public const string ReleaseMethodProperty = "ReleaseMethod";

    /// <summary>Diagnostic property: present when the release is called on the value itself (<c>handle.Free()</c>).</summary>
    public const string ReleasedOnValueProperty = "ReleasedOnValue";

    private protected abstract ResourceKind Kind { get; }

    private protected abstract DiagnosticDescriptor Descriptor { get; }

    /// <summary>What releasing is called for this kind, as a past participle (returned, freed).</summary>
    private protected abstract string Released { get; }

    /// <summary>The message arguments for <paramref name="allocation"/>, ending with <paramref name="how"/>.</summary>
    private protected abstract object[] MessageArguments(Allocation allocation, string how);

    /// <summary>Findings other than loss: a release that does not match how the value was made.</summary>
    private protected virtual void AnalyzeReleases(OperationBlockAnalysisContext context, OwnershipModel model, Allocation allocation)
    {
    }

    private protected sealed override void Analyze(OperationBlockAnalysisContext context, OwnershipModel model, FunctionOwnership function)
    {
        foreach (var allocation in function.Allocations)
        {
            if (allocation.Kind != Kind)
            {
                continue;
            }

            AnalyzeReleases(context, model, allocation);
            if (allocation.IsConditionallyOwned || Describe(allocation) is not { } how)
            {
                continue;
            }

            var properties = ImmutableDictionary<string, string?>.Empty;
            if (allocation.Loss == LossKind.LeftOwned && allocation.Local is not null && !allocation.IsEverReleasedOrTransferred
                && allocation.Creation is IInvocationOperation creation && model.GetHandleFactory(creation) is { } factory)
            {
                properties = properties.Add(NeverReleasedProperty, "true").Add(ReleaseMethodProperty, factory.ReleaseMethod);
                if (factory.ReleasedOnValue)
                {
                    properties = properties.Add(ReleasedOnValueProperty, "true");
                }
            }

            var exits = allocation.Loss == LossKind.LeftOwned && allocation.IsEverReleasedOrTransferred && allocation.Exit is { } exit ? new[] { exit.Location } : null;
            context.ReportOwnership(Diagnostic.Create(Descriptor, allocation.Creation.Syntax.GetLocation(), exits, properties, MessageArguments(allocation, how)));
        }
    }

    /// <summary>How the method loses it, or null when it does not.</summary>
    private string? Describe(Allocation allocation)
    {
        switch (allocation.Loss)
        {
            case LossKind.Overwritten:
                var target = (allocation.LossSite as ISimpleAssignmentOperation)?.Target is ILocalReferenceOperation local ? local.Local.Name : NameOf(allocation);
                return $"is overwritten before it is {Released}: the assignment to '{target}' loses it";
            case LossKind.LeftOwned when allocation.Local is null:
                return $"is dropped: nothing keeps it, so it can never be {Released}";
            case LossKind.LeftOwned when !allocation.IsEverReleasedOrTransferred:
                return $"is never {Released} or handed on";
            case LossKind.LeftOwned:
                return $"is not {Released} on every path: {MethodOwnershipAnalyzer.DescribeExit(allocation)}";
            default:
                return null;
        }
    }

    /// <summary>The call that made it, as written in messages (<c>Marshal.AllocHGlobal</c>).</summary>
    private protected static string FactoryName(Allocation allocation)
        => allocation.Creation is IInvocationOperation { TargetMethod: { } method } ? method.ContainingType.Name + "." + method.Name : allocation.Type.Name;

    /// <summary>Each syntax location once: a release in a finally runs on several paths but is one place in the code.</summary>
    internal static ImmutableArray<Location> DistinctLocationsOf(System.Collections.Generic.IEnumerable<IOperation> operations)
    {
        var seen = ImmutableArray.CreateBuilder<Location>();
        var spans = new System.Collections.Generic.HashSet<Microsoft.CodeAnalysis.Text.TextSpan>();
        foreach (var operation in operations)
        {
            if (spans.Add(operation.Syntax.Span))
            {
                seen.Add(operation.Syntax.GetLocation());
            }
        }

        seen.Sort((a, b) => a.SourceSpan.Start.CompareTo(b.SourceSpan.Start));
        return seen.ToImmutable();
    }
}
