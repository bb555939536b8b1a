using Microsoft.CodeAnalysis.Testing;
using Ownership.Analyzers.Rules.Configuration;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules;

/// <summary>OWN001: options that teach the model nothing are reported; correct ones are not.</summary>
public class OWN001Tests
{
    private const string Source = """
        namespace MyCo.Data
        {
            public sealed class ConnectionFactory { public static System.IO.Stream Open() => System.IO.Stream.Null; }
            public sealed class Outer { public sealed class Inner { public Inner() { } } }
        }
        """;

    [Fact]
    public Task Correct_options_are_clean() => Verify<OWN001InvalidOptionAnalyzer>.Diagnostics(Source, """
        ownership.factory_methods = MyCo.Data.ConnectionFactory.Open, global::MyCo.Data.Outer.Inner..ctor
        ownership.harmless_types = MyCo.Data.Outer.Inner, System.IO.MemoryStream
        dotnet_diagnostic.OWN101.severity = warning
        """);

    [Fact]
    public async Task Unknown_keys_and_names_are_reported()
    {
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<OWN001InvalidOptionAnalyzer, DefaultVerifier>
        {
            TestCode = Source,
            ReferenceAssemblies = TestReferences.Default,
        };
        Verify<OWN001InvalidOptionAnalyzer>.Configure(test.TestState, """
            ownership.factory_method = MyCo.Data.ConnectionFactory.Open
            ownership.factory_methods = MyCo.Data.ConnectionFactory.OpenReed
            ownership.harmless_types = MyCo.Data.Nothing
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.OWN001).WithArguments(
            "ownership.factory_method",
            "is not an option of the package (known: ownership.borrowed_return_methods, ownership.factory_methods, ownership.harmless_types, ownership.tracked_types, ownership.transfer_methods), so it is ignored"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.OWN001).WithArguments(
            "ownership.factory_methods",
            "names 'MyCo.Data.ConnectionFactory.OpenReed', which this compilation does not have (a method or property, fully qualified, without generic arguments), so it is ignored"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.OWN001).WithArguments(
            "ownership.harmless_types",
            "names 'MyCo.Data.Nothing', which this compilation does not have (a type, fully qualified, without generic arguments), so it is ignored"));
        await test.RunAsync();
    }
}
