using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules.Cycles;

/// <summary>Runs one analyzer and returns its messages: for tests that check what a message names.</summary>
internal static class CycleDiagnostics
{
    public static async Task<IReadOnlyList<string>> MessagesAsync(DiagnosticAnalyzer analyzer, string source)
    {
        var compilation = await AllAnalyzers.CompileAsync(new[] { source });
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Select(d => d.GetMessage(CultureInfo.InvariantCulture)).ToList();
    }
}
