using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Ownership.Analyzers.Tests.Verifiers;

/// <summary>
/// The thin verifier every test goes through. Sources use markup only:
/// <c>{|OWN101:expression|}</c> marks an expected diagnostic; no line/column numbers.
/// </summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Exactly the diagnostics marked in <paramref name="source"/>, and no others from this analyzer.</summary>
    public static Task Diagnostics(string source, string? editorConfig = null)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = TestReferences.Default,
        };
        test.SolutionTransforms.Add(Verify<TAnalyzer>.AllowUnsafe);
        Configure(test.TestState, editorConfig);
        return test.RunAsync();
    }

    /// <summary>
    /// As <see cref="Diagnostics(string, string?)"/>, with <paramref name="librarySource"/> compiled into an
    /// assembly named <paramref name="libraryName"/> and referenced as metadata (a stand-in for a package).
    /// </summary>
    public static async Task DiagnosticsWithLibrary(string source, string libraryName, string librarySource)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = TestReferences.Default,
        };
        test.SolutionTransforms.Add(Verify<TAnalyzer>.AllowUnsafe);
        test.TestState.AdditionalReferences.Add(await MetadataLibrary.Get(libraryName, librarySource));
        await test.RunAsync();
    }

    /// <summary>Top-level statements need an executable output.</summary>
    public static Task Program(string source)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = TestReferences.Default,
        };
        test.SolutionTransforms.Add(Verify<TAnalyzer>.AllowUnsafe);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    internal static void Configure(SolutionState state, string? editorConfig)
    {
        if (editorConfig is not null)
        {
            state.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + editorConfig));
        }
    }

    /// <summary>Test projects compile with /unsafe, so that tests can use pointers (<c>NativeMemory</c>, <c>fixed</c>).</summary>
    internal static Solution AllowUnsafe(Solution solution, ProjectId projectId)
        => solution.GetProject(projectId)?.CompilationOptions is CSharpCompilationOptions options
            ? solution.WithProjectCompilationOptions(projectId, options.WithAllowUnsafe(true))
            : solution;
}

/// <summary>Applies a code fix, one by one and with Fix All, and checks the result (which must compile).</summary>
internal static class VerifyFix<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static Task Fix(string source, string fixedSource, int? iterations = null)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = TestReferences.Default,
        };
        test.SolutionTransforms.Add(Verify<TAnalyzer>.AllowUnsafe);
        if (iterations is { } count)
        {
            test.NumberOfIncrementalIterations = count;
            test.NumberOfFixAllIterations = 1;
        }

        return test.RunAsync();
    }

    /// <summary>As <see cref="Fix"/>, in a project of an older language version (C# 7.3: netstandard2.0 and .NET Framework defaults).</summary>
    public static Task FixIn(LanguageVersion version, string source, string fixedSource)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = TestReferences.Default,
        };
        test.SolutionTransforms.Add(Verify<TAnalyzer>.AllowUnsafe);
        test.SolutionTransforms.Add((solution, projectId) => solution.GetProject(projectId)?.ParseOptions is CSharpParseOptions options
            ? solution.WithProjectParseOptions(projectId, options.WithLanguageVersion(version))
            : solution);
        return test.RunAsync();
    }

    /// <summary>The diagnostic is reported but no fix is offered (the change would alter behaviour).</summary>
    public static Task NoFix(string source)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = source,
            ReferenceAssemblies = TestReferences.Default,
        };
        test.SolutionTransforms.Add(Verify<TAnalyzer>.AllowUnsafe);
        return test.RunAsync();
    }
}
