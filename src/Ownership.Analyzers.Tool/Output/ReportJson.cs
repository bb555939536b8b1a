using System.Text.Json;
using System.Text.Json.Serialization;
using Ownership.Analyzers.Tool.Analysis;

namespace Ownership.Analyzers.Tool.Output;

/// <summary>
/// The graph as the page reads it. The default encoder escapes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>,
/// so the text can sit inside a <c>&lt;script&gt;</c> element whatever the messages hold.
/// </summary>
internal static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(ReportGraph graph, string generated) => JsonSerializer.Serialize(new { generated, graph }, Options);
}
