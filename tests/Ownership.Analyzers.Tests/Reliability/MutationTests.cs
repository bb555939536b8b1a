using Xunit.Abstractions;

namespace Ownership.Analyzers.Tests.Reliability;

/// <summary>
/// Broken code never crashes an analyzer or a fix: every test input and sample, mutated the way
/// half-typed code looks (tokens deleted, duplicated, swapped, replaced, text cut short).
/// The suite runs a small fixed-seed batch; long runs:
/// <c>RELIABILITY_ITERATIONS=5000 dotnet test -c Release --filter Mutation</c> or
/// <c>scripts/mutation-fuzz.sh --iterations 5000</c> (<c>--judge-fixes</c>, or
/// <c>RELIABILITY_FIXES=2</c>, also requires every fix result to add no compiler error).
/// Settings: <see cref="FuzzSettings.FromEnvironment"/>.
/// </summary>
public class MutationTests
{
    // Sized to stay well under a minute on two cores, fixes included (measured: 10-40 s).
    private const int DefaultIterations = 200;

    private readonly ITestOutputHelper _output;

    public MutationTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Corpus_holds_the_test_inputs_and_the_samples()
    {
        var inputs = TestInputCorpus.TestInputs;
        _output.WriteLine($"{inputs.Length} test inputs, {TestInputCorpus.Samples.Length} sample projects");
        Assert.True(inputs.Length >= 50, $"only {inputs.Length} test inputs extracted");
        Assert.NotEmpty(TestInputCorpus.Samples);
        Assert.All(inputs, input => Assert.DoesNotContain("{|OWN", input.Documents[0].Text, StringComparison.Ordinal));
        Assert.Contains(inputs, input => input.Kind == Microsoft.CodeAnalysis.OutputKind.ConsoleApplication);
    }

    [Fact]
    public async Task Mutants_of_test_inputs_and_samples_never_crash_an_analyzer_or_a_fix()
    {
        var settings = FuzzSettings.FromEnvironment(DefaultIterations);
        var (fuzzer, report) = await MutationFuzzer.RunAndReportAsync(settings, TestInputCorpus.All);
        _output.WriteLine(report);
        Assert.True(fuzzer.Failures.IsEmpty, report);
    }
}
