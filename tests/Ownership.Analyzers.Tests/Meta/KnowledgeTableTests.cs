using Ownership.Analyzers.Knowledge;

namespace Ownership.Analyzers.Tests.Meta;

/// <summary>The curated table is data: it must be well-formed, or facts silently go missing.</summary>
public class KnowledgeTableTests
{
    [Fact]
    public void Every_type_appears_once_so_no_entry_shadows_another()
    {
        var names = BclOwnershipTable.Entries().Select(e => e.MetadataName).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_entry_says_why()
    {
        Assert.All(BclOwnershipTable.Entries(), entry => Assert.False(string.IsNullOrWhiteSpace(entry.Reason), entry.MetadataName));
    }
}
