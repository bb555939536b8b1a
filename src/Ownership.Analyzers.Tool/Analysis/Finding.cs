using System.Collections.Immutable;

namespace Ownership.Analyzers.Tool.Analysis;

/// <summary>A place in a source file, 1-based, with the path relative to the report's root where it can be.</summary>
internal sealed record SourcePlace(string File, int Line, int Column, int EndLine, int EndColumn);

/// <summary>One OWN diagnostic as the compiler would report it, with the type and member it was reported in.</summary>
internal sealed record Finding(
    string Rule,
    string Severity,
    string Title,
    string Message,
    string HelpUri,
    string Project,
    SourcePlace? Place,
    ImmutableArray<SourcePlace> RelatedPlaces,
    string? TypeKey,
    string? Member,
    bool IsSuppressed);

/// <summary>What one rule is, for the report's legend and SARIF's rule table.</summary>
internal sealed record RuleInfo(string Id, string Title, string Description, string HelpUri, string DefaultSeverity);
