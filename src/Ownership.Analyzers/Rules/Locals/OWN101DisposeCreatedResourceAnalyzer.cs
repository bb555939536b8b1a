using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Model;

namespace Ownership.Analyzers.Rules.Locals;

/// <summary>
/// OWN101: a resource this method created and stored in a local is still owned on some path
/// that leaves the method (or the local's scope).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OWN101DisposeCreatedResourceAnalyzer : MethodOwnershipAnalyzer
{
    /// <summary>Diagnostic property: the fix may add <c>using</c> (nothing else releases or hands the value on).</summary>
    public const string NeverReleasedProperty = "NeverReleased";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN101);

    private protected override void Analyze(OperationBlockAnalysisContext context, OwnershipModel model, FunctionOwnership function)
    {
        foreach (var allocation in function.Allocations)
        {
            if (!allocation.IsDisposable || allocation.Loss != LossKind.LeftOwned || allocation.Local is null || allocation.IsConditionallyOwned)
            {
                continue;
            }

            var never = !allocation.IsEverReleasedOrTransferred;
            if (!never && model.IsPendingTask(allocation))
            {
                continue;
            }

            var how = never
                ? "anywhere: it is never disposed, returned or handed to an owner"
                : "on every path: some paths leave the method while it still owns it";
            var properties = never
                ? ImmutableDictionary<string, string?>.Empty.Add(NeverReleasedProperty, "true")
                : ImmutableDictionary<string, string?>.Empty;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.OWN101, allocation.Creation.Syntax.GetLocation(), properties, NameOf(allocation), how));
        }
    }
}
