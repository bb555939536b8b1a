using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Ownership.Analyzers.Reporting;

/// <summary>
/// The findings a team accepted when it adopted the package (<c>ownership.baseline.json</c> beside
/// the project, an AdditionalFile): <see cref="BaselineSuppressor"/> suppresses exactly those, so a
/// build fails only on new findings. An entry names a finding by what survives edits around it:
/// the rule, the file (relative to the baseline's folder), the containing member (type names and
/// member name, from the syntax) and a hash of the reported line's text (whitespace-insensitive).
/// Lines may move, unrelated members may change; editing the reported line or renaming its member
/// makes the entry stale (OWN002), and the finding is reported again.
/// </summary>
internal sealed class Baseline
{
    /// <summary>The file name the package's props pick up beside the project.</summary>
    public const string FileName = "ownership.baseline.json";

    /// <summary>Global option (from the MSBuild property OwnershipBaselineWrite) under which the findings carry their keys and nothing is suppressed.</summary>
    public const string WriteOption = "build_property.OwnershipBaselineWrite";

    public const string MemberProperty = "OwnershipBaselineMember";
    public const string LineProperty = "OwnershipBaselineLine";

    private static readonly ConditionalWeakTable<AdditionalText, Baseline> Parsed = new();

    private readonly HashSet<(string Rule, string File, string Member, string Line)> _keys;

    private Baseline(string path, ImmutableArray<Entry> entries, SourceText text)
    {
        Path = path;
        Directory = System.IO.Path.GetDirectoryName(path) ?? string.Empty;
        Entries = entries;
        Text = text;
        _keys = new HashSet<(string, string, string, string)>(entries.Select(e => (e.Rule, e.File, e.Member, e.Line)));
    }

    public string Path { get; }

    public string Directory { get; }

    public ImmutableArray<Entry> Entries { get; }

    public SourceText Text { get; }

    /// <summary>One accepted finding, and where its text is in the baseline file (for OWN002).</summary>
    internal sealed record Entry(string Rule, string File, string Member, string Line, TextSpan Span);

    /// <summary>The project's baseline among the additional files, or null when there is none (or it is not valid).</summary>
    public static Baseline? Find(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            if (string.Equals(System.IO.Path.GetFileName(file.Path), FileName, StringComparison.OrdinalIgnoreCase))
            {
                return Parsed.GetValue(file, f => Parse(f, cancellationToken) ?? Empty(f.Path));
            }
        }

        return null;
    }

    public static bool IsWriting(AnalyzerOptions options)
        => options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(WriteOption, out var value)
            && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    public bool Contains(Diagnostic diagnostic)
        => Key(diagnostic, Directory) is { } key && _keys.Contains(key);

    /// <summary>The key of a finding, or null when it has no source location.</summary>
    public static (string Rule, string File, string Member, string Line)? Key(Diagnostic diagnostic, string baseDirectory)
    {
        if (diagnostic.Location.SourceTree is not { } tree || !diagnostic.Location.IsInSource)
        {
            return null;
        }

        var (member, line) = MemberAndLine(tree, diagnostic.Location.SourceSpan);
        return (diagnostic.Id, RelativePath(baseDirectory, tree.FilePath), member, line);
    }

    /// <summary>The containing member's name and the hash of the reported line.</summary>
    public static (string Member, string Line) MemberAndLine(SyntaxTree tree, TextSpan span)
    {
        var text = tree.GetText();
        var line = text.Lines.GetLineFromPosition(Math.Min(span.Start, text.Length));
        return (MemberAt(tree, span.Start), LineHash(text.ToString(line.Span)));
    }

    /// <summary>
    /// The names of the types around <paramref name="position"/>, outermost first, and the member's
    /// name (<c>Reader.Open</c>, <c>Reader..ctor</c>, <c>Reader</c> at type level). Namespaces are
    /// left out: moving a type to another namespace keeps its entries.
    /// </summary>
    public static string MemberAt(SyntaxTree tree, int position)
    {
        var root = tree.GetRoot();
        var token = root.FindToken(Math.Min(position, Math.Max(0, root.FullSpan.End - 1)));
        string? member = null;
        var types = new List<string>();
        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case BaseTypeDeclarationSyntax type:
                    types.Add(type.Identifier.ValueText);
                    break;
                case DelegateDeclarationSyntax @delegate:
                    types.Add(@delegate.Identifier.ValueText);
                    break;
                case GlobalStatementSyntax when member is null:
                    member = "<top-level>";
                    break;
                case MemberDeclarationSyntax declaration when member is null && types.Count == 0:
                    member = MemberName(declaration);
                    break;
            }
        }

        types.Reverse();
        var name = string.Join(".", types);
        return member is null ? name : name.Length == 0 ? member : name + "." + member;
    }

    private static string? MemberName(MemberDeclarationSyntax declaration) => declaration switch
    {
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        ConstructorDeclarationSyntax constructor => constructor.Modifiers.Any(SyntaxKind.StaticKeyword) ? ".cctor" : ".ctor",
        DestructorDeclarationSyntax => "Finalize",
        PropertyDeclarationSyntax property => property.Identifier.ValueText,
        IndexerDeclarationSyntax => "this[]",
        EventDeclarationSyntax @event => @event.Identifier.ValueText,
        BaseFieldDeclarationSyntax field => field.Declaration.Variables.FirstOrDefault()?.Identifier.ValueText,
        OperatorDeclarationSyntax @operator => "operator " + @operator.OperatorToken.ValueText,
        ConversionOperatorDeclarationSyntax conversion => "operator " + conversion.Type,
        EnumMemberDeclarationSyntax enumMember => enumMember.Identifier.ValueText,
        _ => null,
    };

    /// <summary>FNV-1a (32 bits) of the line with its whitespace removed: re-indenting keeps the entry.</summary>
    public static string LineHash(string line)
    {
        unchecked
        {
            var hash = 2166136261u;
            foreach (var c in line)
            {
                if (!char.IsWhiteSpace(c))
                {
                    hash = (hash ^ c) * 16777619u;
                }
            }

            return hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary><paramref name="path"/> relative to <paramref name="directory"/>, with forward slashes.</summary>
    public static string RelativePath(string directory, string path)
    {
        var full = path.Replace('\\', '/');
        var root = directory.Replace('\\', '/').TrimEnd('/');
        if (root.Length > 0 && full.StartsWith(root + "/", StringComparison.OrdinalIgnoreCase))
        {
            return full.Substring(root.Length + 1);
        }

        return full;
    }

    private static Baseline Empty(string path) => new(path, ImmutableArray<Entry>.Empty, SourceText.From(string.Empty));

    private static Baseline? Parse(AdditionalText file, CancellationToken cancellationToken)
    {
        var text = file.GetText(cancellationToken);
        if (text is null)
        {
            return null;
        }

        var entries = ImmutableArray.CreateBuilder<Entry>();
        var reader = new JsonReader(text.ToString());
        try
        {
            foreach (var (fields, span) in reader.EntryObjects())
            {
                if (fields.TryGetValue("rule", out var rule) && fields.TryGetValue("file", out var path)
                    && fields.TryGetValue("member", out var member) && fields.TryGetValue("line", out var line))
                {
                    entries.Add(new Entry(rule, path, member, line, span));
                }
            }
        }
        catch (FormatException)
        {
            // Not a baseline this package wrote: suppress nothing rather than guess.
            return null;
        }

        return new Baseline(file.Path, entries.ToImmutable(), text);
    }

    /// <summary>
    /// Reads the objects of the baseline's <c>entries</c> array: flat objects of string fields, the
    /// shape <see cref="Format"/> writes. Anything else throws <see cref="FormatException"/>.
    /// </summary>
    private sealed class JsonReader
    {
        private readonly string _text;
        private int _position;

        public JsonReader(string text) => _text = text;

        public IEnumerable<(Dictionary<string, string> Fields, TextSpan Span)> EntryObjects()
        {
            var results = new List<(Dictionary<string, string>, TextSpan)>();
            Expect('{');
            while (true)
            {
                Skip();
                if (Peek() == '}')
                {
                    _position++;
                    return results;
                }

                var name = ReadString();
                Expect(':');
                Skip();
                if (name == "entries")
                {
                    Expect('[');
                    Skip();
                    if (Peek() == ']')
                    {
                        _position++;
                    }
                    else
                    {
                        while (true)
                        {
                            Skip();
                            var start = _position;
                            var fields = ReadFlatObject();
                            results.Add((fields, TextSpan.FromBounds(start, _position)));
                            Skip();
                            var next = Next();
                            if (next == ']')
                            {
                                break;
                            }

                            if (next != ',')
                            {
                                throw new FormatException();
                            }
                        }
                    }
                }
                else
                {
                    SkipScalar();
                }

                Skip();
                if (Peek() == ',')
                {
                    _position++;
                }
            }
        }

        private Dictionary<string, string> ReadFlatObject()
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            Expect('{');
            Skip();
            if (Peek() == '}')
            {
                _position++;
                return fields;
            }

            while (true)
            {
                Skip();
                var name = ReadString();
                Expect(':');
                Skip();
                fields[name] = ReadString();
                Skip();
                var next = Next();
                if (next == '}')
                {
                    return fields;
                }

                if (next != ',')
                {
                    throw new FormatException();
                }
            }
        }

        private void SkipScalar()
        {
            if (Peek() == '"')
            {
                ReadString();
                return;
            }

            while (_position < _text.Length && _text[_position] is not (',' or '}' or ']') && !char.IsWhiteSpace(_text[_position]))
            {
                if (_text[_position] is '{' or '[')
                {
                    throw new FormatException();
                }

                _position++;
            }
        }

        private string ReadString()
        {
            Skip();
            Expect('"');
            var builder = new StringBuilder();
            while (true)
            {
                var c = Next();
                if (c == '"')
                {
                    return builder.ToString();
                }

                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                var escaped = Next();
                switch (escaped)
                {
                    case '"': case '\\': case '/': builder.Append(escaped); break;
                    case 'n': builder.Append('\n'); break;
                    case 't': builder.Append('\t'); break;
                    case 'r': builder.Append('\r'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'u':
                        if (_position + 4 > _text.Length)
                        {
                            throw new FormatException();
                        }

                        builder.Append((char)Convert.ToInt32(_text.Substring(_position, 4), 16));
                        _position += 4;
                        break;
                    default:
                        throw new FormatException();
                }
            }
        }

        private void Expect(char c)
        {
            Skip();
            if (Next() != c)
            {
                throw new FormatException();
            }
        }

        private char Peek() => _position < _text.Length ? _text[_position] : throw new FormatException();

        private char Next() => _position < _text.Length ? _text[_position++] : throw new FormatException();

        private void Skip()
        {
            while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
            {
                _position++;
            }
        }
    }

    /// <summary>The baseline file's text for <paramref name="entries"/>, sorted, one entry per line.</summary>
    public static string Format(IEnumerable<(string Rule, string File, string Member, string Line)> entries)
    {
        var builder = new StringBuilder();
        builder.Append("{\n  \"version\": \"1\",\n  \"entries\": [");
        var first = true;
        foreach (var entry in entries.Distinct().OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Member, StringComparer.Ordinal)
            .ThenBy(e => e.Rule, StringComparer.Ordinal).ThenBy(e => e.Line, StringComparer.Ordinal))
        {
            builder.Append(first ? "\n" : ",\n");
            first = false;
            builder.Append("    { \"rule\": ").Append(Quote(entry.Rule)).Append(", \"file\": ").Append(Quote(entry.File))
                .Append(", \"member\": ").Append(Quote(entry.Member)).Append(", \"line\": ").Append(Quote(entry.Line)).Append(" }");
        }

        builder.Append(first ? "]\n}\n" : "\n  ]\n}\n");
        return builder.ToString();
    }

    private static string Quote(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case < ' ': builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)); break;
                default: builder.Append(c); break;
            }
        }

        return builder.Append('"').ToString();
    }
}
