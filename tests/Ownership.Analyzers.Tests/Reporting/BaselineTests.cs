using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Ownership.Analyzers.Reporting;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Reporting;

/// <summary>
/// The baseline end to end, through the real driver: a write build gives every finding its key,
/// the keys make the file, and a later build suppresses exactly those findings — after lines move
/// and unrelated members change — while a new leak, and a baselined line that changed, are reported.
/// </summary>
public class BaselineTests
{
    private const string Project = "/repo/app";

    private const string Reader = """
        using System.IO;
        namespace App
        {
            public class Reader
            {
                public int First(string path)
                {
                    var file = File.OpenRead(path);
                    return file.ReadByte();
                }

                public int Other() => 1;
            }
        }
        """;

    [Fact]
    public async Task Written_findings_are_suppressed_and_only_those()
    {
        var baseline = await WriteBaselineAsync(Reader);
        Assert.Contains("\"rule\": \"OWN101\"", baseline);
        Assert.Contains("\"file\": \"src/Reader.cs\"", baseline);
        Assert.Contains("\"member\": \"Reader.First\"", baseline);

        var (diagnostics, _) = await RunAsync(Reader, baseline);
        var own101 = Assert.Single(diagnostics, d => d.Id == "OWN101");
        Assert.True(own101.IsSuppressed);
        Assert.DoesNotContain(diagnostics, d => d.Id == "OWN002");
    }

    [Fact]
    public async Task Moved_lines_and_renamed_unrelated_members_stay_suppressed_and_a_new_leak_is_reported()
    {
        var baseline = await WriteBaselineAsync(Reader);
        var edited = "// a header comment\n\n" + Reader
            .Replace("public int Other() => 1;", "public int Renamed() => 1;\n\n        public int Leak(string path) { var more = File.OpenRead(path); return more.ReadByte(); }")
            .Replace("        var file = File.OpenRead(path);", "                    var file = File.OpenRead(path);");

        var (diagnostics, _) = await RunAsync(edited, baseline);
        var own101 = diagnostics.Where(d => d.Id == "OWN101").ToList();
        Assert.Equal(2, own101.Count);
        Assert.Single(own101, d => d.IsSuppressed && d.GetMessage().Contains("'file'"));
        Assert.Single(own101, d => !d.IsSuppressed && d.GetMessage().Contains("'more'"));
        Assert.DoesNotContain(diagnostics, d => d.Id == "OWN002");
    }

    [Fact]
    public async Task An_entry_whose_line_or_file_is_gone_is_stale()
    {
        var baseline = await WriteBaselineAsync(Reader);
        baseline = baseline.Replace("\n  ]", ",\n    { \"rule\": \"OWN102\", \"file\": \"src/Gone.cs\", \"member\": \"Gone.M\", \"line\": \"00000000\" }\n  ]");
        var fixedCode = Reader.Replace("var file = File.OpenRead(path);", "using var file = File.OpenRead(path);");

        var (diagnostics, _) = await RunAsync(fixedCode, baseline);
        Assert.DoesNotContain(diagnostics, d => d.Id == "OWN101");
        var stale = diagnostics.Where(d => d.Id == "OWN002").OrderBy(d => d.Location.GetLineSpan().StartLinePosition.Line).ToList();
        Assert.Equal(2, stale.Count);
        Assert.All(stale, d => Assert.EndsWith(Baseline.FileName, d.Location.GetLineSpan().Path, StringComparison.Ordinal));
        Assert.Contains("its reported line is no longer in 'Reader.First'", stale[0].GetMessage());
        Assert.Contains("'src/Gone.cs' is not in the compilation", stale[1].GetMessage());
    }

    [Fact]
    public async Task While_writing_nothing_is_suppressed_and_messages_are_unchanged()
    {
        var baseline = await WriteBaselineAsync(Reader);
        var (plain, _) = await RunAsync(Reader, baseline: null);
        var (writing, exceptions) = await RunAsync(Reader, baseline, writing: true);
        Assert.Empty(exceptions);
        var before = Assert.Single(plain, d => d.Id == "OWN101");
        var during = Assert.Single(writing, d => d.Id == "OWN101");
        Assert.False(during.IsSuppressed);
        Assert.Equal(before.GetMessage(), during.GetMessage());
        Assert.Equal(before.Severity, during.Severity);
        Assert.Equal("Reader.First", during.Properties[Baseline.MemberProperty]);
        Assert.Equal(Baseline.LineHash("var file = File.OpenRead(path);"), during.Properties[Baseline.LineProperty]);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"entries\": [{\"rule\": 1}]}")]
    [InlineData("{\"entries\": [{\"rule\": \"OWN101\", \"file\": \"src/Reader.cs\"")]
    [InlineData("{\"version\": \"1\", \"entries\": [], \"extra\": {\"nested\": true}}")]
    [InlineData("")]
    public async Task A_malformed_baseline_suppresses_nothing_and_throws_nothing(string baseline)
    {
        var (diagnostics, exceptions) = await RunAsync(Reader, baseline);
        Assert.Empty(exceptions);
        Assert.False(Assert.Single(diagnostics, d => d.Id == "OWN101").IsSuppressed);
    }

    [Theory]
    [InlineData("class A { void M() { var x = 1; } }", "var x", "A.M")]
    [InlineData("class A { class B { int P { get { return 1; } } } }", "return", "A.B.P")]
    [InlineData("class A { A() { } }", "{ }", "A..ctor")]
    [InlineData("class A { private int _f = 1; }", "1;", "A._f")]
    [InlineData("namespace N { class A { } }", "A {", "A")]
    [InlineData("var x = 1;", "x", "<top-level>")]
    public void Member_is_read_from_the_syntax(string source, string at, string expected)
    {
        var tree = CSharpSyntaxTree.ParseText(source);
        Assert.Equal(expected, Baseline.MemberAt(tree, source.IndexOf(at, StringComparison.Ordinal)));
    }

    [Fact]
    public void Line_hash_ignores_whitespace_only()
    {
        Assert.Equal(Baseline.LineHash("var file = File.OpenRead(path);"), Baseline.LineHash("   var file =  File.OpenRead(path);\t"));
        Assert.NotEqual(Baseline.LineHash("var file = File.OpenRead(path);"), Baseline.LineHash("using var file = File.OpenRead(path);"));
    }

    /// <summary>Runs a write build and turns its findings into the baseline's text, as the package's MSBuild target does with the SARIF log.</summary>
    private static async Task<string> WriteBaselineAsync(string source)
    {
        var (diagnostics, exceptions) = await RunAsync(source, baseline: null, writing: true);
        Assert.Empty(exceptions);
        var entries = diagnostics
            .Where(d => d.Id.StartsWith("OWN", StringComparison.Ordinal) && d.Properties.ContainsKey(Baseline.MemberProperty))
            .Select(d => (d.Id, Baseline.RelativePath(Project, d.Location.SourceTree!.FilePath), d.Properties[Baseline.MemberProperty]!, d.Properties[Baseline.LineProperty]!))
            .ToList();
        Assert.NotEmpty(entries);
        return Baseline.Format(entries);
    }

    private static async Task<(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<Exception> Exceptions)> RunAsync(string source, string? baseline, bool writing = false)
    {
        var compilation = (await AllAnalyzers.CompileAsync(Array.Empty<string>()))
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: Project + "/src/Reader.cs"));
        var files = baseline is null
            ? ImmutableArray<AdditionalText>.Empty
            : ImmutableArray.Create<AdditionalText>(new InMemoryText(Project + "/" + Baseline.FileName, baseline));
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(files, new ConfigProvider(writing ? ImmutableDictionary<string, string>.Empty.Add(Baseline.WriteOption, "true") : ImmutableDictionary<string, string>.Empty)),
            (exception, analyzer, diagnostic) => { lock (exceptions) { exceptions.Add(exception); } },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: true);
        var diagnostics = await compilation.WithAnalyzers(AllAnalyzers.Analyzers, options).GetAnalyzerDiagnosticsAsync();
        return (diagnostics, exceptions);
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class ConfigProvider(ImmutableDictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _options = new(values);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

            public override IEnumerable<string> Keys => values.Keys;

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
