using Ownership.Analyzers.Rules.Types;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Reporting;

/// <summary>A suppression of the equivalent rule of another tool at the same place is honoured for the OWN rule.</summary>
public class EquivalentSuppressionTests
{
    private const string Usings = "using System; using System.IO; using System.Diagnostics.CodeAnalysis;\n";

    [Fact]
    public Task Pragma_and_attribute_suppressions_of_the_equivalent_ids_are_honoured() => Verify<OWN202OwnedMemberNotReleasedAnalyzer>.Diagnostics(Usings + """
        sealed class Cache : IDisposable
        {
            [SuppressMessage("Usage", "CA2213:Disposable fields should be disposed", Justification = "the pool returns it")]
            private readonly Stream _pooled = File.OpenRead("a");
        #pragma warning disable IDISP002 // owned by the registry
            private readonly Stream _registered = File.OpenRead("b");
        #pragma warning restore IDISP002
        #pragma warning disable CA1001 // not the equivalent of OWN202
            private readonly Stream {|OWN202:_forgotten|} = File.OpenRead("c");
        #pragma warning restore CA1001
            public void Dispose() { }
        }
        """);

    [Fact]
    public Task A_suppression_on_the_enclosing_member_covers_the_override() => Verify<OWN206DisposeOverrideMissesBaseCallAnalyzer>.Diagnostics(Usings + """
        class LineReader : StreamReader
        {
            public LineReader(string path) : base(path) { }
        #pragma warning disable CA2215 // the stream belongs to the caller
            protected override void Dispose(bool disposing) { }
        #pragma warning restore CA2215
        }
        class OtherReader : StreamReader
        {
            public OtherReader(string path) : base(path) { }
            protected override void {|OWN206:Dispose|}(bool disposing) { }
        }
        """);
}
