using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ownership.Analyzers.Benchmarks.Compiling;

/// <summary>
/// Analyzer options given on the command line (<c>--option key=value</c>) or in a file of
/// <c>key = value</c> lines (<c>--config path</c>, the shape of a .globalconfig), applied to every
/// file of the corpus: what an .editorconfig would tell the analyzers in a real build.
/// </summary>
internal sealed class AnalyzerConfig : AnalyzerConfigOptionsProvider
{
    public static readonly AnalyzerConfig Empty = new(ImmutableDictionary<string, string>.Empty);

    private readonly SameForEveryFile _options;

    private AnalyzerConfig(ImmutableDictionary<string, string> values)
    {
        _options = new SameForEveryFile(values);
        Values = values;
    }

    public ImmutableDictionary<string, string> Values { get; }

    public override AnalyzerConfigOptions GlobalOptions => _options;

    public static AnalyzerConfig From(string? configFile, IEnumerable<string> pairs)
    {
        var values = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        if (configFile is not null)
        {
            foreach (var raw in File.ReadAllLines(configFile))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line[0] is '#' or ';' or '[')
                {
                    continue;
                }

                Add(values, line, configFile);
            }
        }

        foreach (var pair in pairs)
        {
            Add(values, pair, "--option");
        }

        return values.Count == 0 ? Empty : new AnalyzerConfig(values.ToImmutable());
    }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

    private static void Add(ImmutableDictionary<string, string>.Builder values, string line, string source)
    {
        var separator = line.IndexOf('=');
        if (separator <= 0)
        {
            throw new UsageException($"{source}: expected key = value, got '{line}'");
        }

        values[line.Substring(0, separator).Trim()] = line.Substring(separator + 1).Trim();
    }

    private sealed class SameForEveryFile : AnalyzerConfigOptions
    {
        private readonly ImmutableDictionary<string, string> _values;

        public SameForEveryFile(ImmutableDictionary<string, string> values)
        {
            _values = values;
        }

        public override IEnumerable<string> Keys => _values.Keys;

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
    }
}
