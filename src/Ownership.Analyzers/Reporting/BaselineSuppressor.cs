using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ownership.Analyzers.Reporting;

/// <summary>
/// Suppresses the package's own findings that the project's baseline (<c>ownership.baseline.json</c>)
/// lists, with the justification "in baseline": adopting the package on an existing code base, the
/// build fails only on new findings. Nothing is suppressed while the baseline is being written
/// (<see cref="Baseline.WriteOption"/>), so a refresh sees every finding.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BaselineSuppressor : DiagnosticSuppressor
{
    private const string Justification = "in baseline: the finding is listed in ownership.baseline.json, accepted when the baseline was written";

    private static readonly ImmutableDictionary<string, SuppressionDescriptor> ByRule = typeof(Descriptors)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(field => field.GetValue(null))
        .OfType<DiagnosticDescriptor>()
        .Where(descriptor => descriptor.Id.StartsWith("OWN", System.StringComparison.Ordinal))
        .ToImmutableDictionary(descriptor => descriptor.Id, descriptor => new SuppressionDescriptor("OWNBL" + descriptor.Id.Substring(3), descriptor.Id, Justification));

    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = ByRule.Values.OrderBy(d => d.Id, System.StringComparer.Ordinal).ToImmutableArray();

    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        if (Baseline.IsWriting(context.Options) || Baseline.Find(context.Options.AdditionalFiles, context.CancellationToken) is not { Entries.IsEmpty: false } baseline)
        {
            return;
        }

        foreach (var diagnostic in context.ReportedDiagnostics)
        {
            if (ByRule.TryGetValue(diagnostic.Id, out var descriptor) && baseline.Contains(diagnostic))
            {
                context.ReportSuppression(Suppression.Create(descriptor, diagnostic));
            }
        }
    }
}
