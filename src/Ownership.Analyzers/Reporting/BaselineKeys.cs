using System.Collections.Concurrent;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ownership.Analyzers.Reporting;

/// <summary>
/// While the baseline is written (<c>dotnet build -t:OwnershipBaseline</c> sets
/// <see cref="Baseline.WriteOption"/>), each finding carries the member and line parts of its
/// baseline key as properties; the compiler's SARIF log keeps them, and the package's MSBuild
/// target turns that log into <c>ownership.baseline.json</c>. Outside that build, findings are
/// reported as they are.
/// </summary>
internal static class BaselineKeys
{
    // One descriptor per rule whose message is the finding's own text: the key's properties can
    // only be attached by making the diagnostic again, and its message arguments are not public.
    private static readonly ConcurrentDictionary<DiagnosticDescriptor, DiagnosticDescriptor> Verbatim = new();

    public static Diagnostic WithKeyWhenWriting(Diagnostic diagnostic, AnalyzerOptions options)
    {
        if (!Baseline.IsWriting(options) || diagnostic.Location.SourceTree is not { } tree || !diagnostic.Location.IsInSource)
        {
            return diagnostic;
        }

        var (member, line) = Baseline.MemberAndLine(tree, diagnostic.Location.SourceSpan);
        var descriptor = Verbatim.GetOrAdd(diagnostic.Descriptor, d => new DiagnosticDescriptor(
            d.Id, d.Title, "{0}", d.Category, d.DefaultSeverity, d.IsEnabledByDefault, d.Description, d.HelpLinkUri, d.CustomTags.ToArray()));
        return Diagnostic.Create(
            descriptor,
            diagnostic.Location,
            diagnostic.Severity,
            diagnostic.AdditionalLocations,
            diagnostic.Properties.SetItem(Baseline.MemberProperty, member).SetItem(Baseline.LineProperty, line),
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
