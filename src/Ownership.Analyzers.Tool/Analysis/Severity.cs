using Microsoft.CodeAnalysis;

namespace Ownership.Analyzers.Tool.Analysis;

/// <summary>Severity names as the compiler prints them and SARIF levels.</summary>
internal static class Severity
{
    public static string Name(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "info",
        _ => "hidden",
    };

    public static string SarifLevel(string severity) => severity switch
    {
        "error" => "error",
        "warning" => "warning",
        _ => "note",
    };
}
