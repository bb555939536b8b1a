using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ownership.Analyzers.Tests.Verifiers;

/// <summary>Every analyzer and code fix of the package, and a way to run them all on plain source.</summary>
internal static class AllAnalyzers
{
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = typeof(RuleIdentifiers).Assembly.GetTypes()
        // What a host loads: the analyzers with [DiagnosticAnalyzer] (the rule families and the stand-alone rules).
        .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && type.IsDefined(typeof(DiagnosticAnalyzerAttribute), inherit: false))
        .OrderBy(type => type.FullName, StringComparer.Ordinal)
        .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
        .ToImmutableArray();

    public static ImmutableArray<CodeFixProvider> CodeFixes { get; } = typeof(Ownership.Analyzers.CodeFixes.Locals.OWN102IntroduceUsingLocalCodeFix).Assembly.GetTypes()
        .Where(type => !type.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(type))
        .OrderBy(type => type.FullName, StringComparer.Ordinal)
        .Select(type => (CodeFixProvider)Activator.CreateInstance(type)!)
        .ToImmutableArray();

    public static ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = Analyzers
        .SelectMany(analyzer => analyzer.SupportedDiagnostics)
        .ToImmutableArray();

    private static readonly Lazy<Task<ImmutableArray<MetadataReference>>> References = new(
        () => TestReferences.Default.ResolveAsync(LanguageNames.CSharp, CancellationToken.None));

    public static async Task<CSharpCompilation> CompileAsync(IEnumerable<string> sources, OutputKind kind = OutputKind.DynamicallyLinkedLibrary)
    {
        var references = await References.Value;
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, parse, path: $"/src/File{i}.cs"));
        return CSharpCompilation.Create("Corpus", trees, references, new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>Runs every analyzer; analyzer exceptions are collected, not swallowed.</summary>
    public static async Task<(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<Exception> Exceptions)> RunAsync(Compilation compilation, bool concurrent = true, CancellationToken cancellationToken = default)
    {
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, diagnostic) => { lock (exceptions) { exceptions.Add(exception); } },
            concurrentAnalysis: concurrent,
            logAnalyzerExecutionTime: false);
        var withAnalyzers = compilation.WithAnalyzers(Analyzers, options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken);
        return (diagnostics, exceptions);
    }
}
