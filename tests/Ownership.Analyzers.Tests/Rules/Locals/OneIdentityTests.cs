using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Ownership.Analyzers.Rules.Lifetimes;
using Ownership.Analyzers.Rules.Locals;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules.Locals;

/// <summary>
/// One resource, one identity: a local assigned from a conditional or switch with several creating
/// arms is one resource, whichever arm made it; it is released through an alias like any other,
/// and a defect is one finding (the other arms are additional locations).
/// </summary>
public class OneIdentityTests
{
    private const string Usings = "using System; using System.IO; using System.Security.Cryptography;\n";

    [Fact]
    public Task Several_creating_arms_released_through_an_alias_are_clean() => Verify<OWN101DisposeCreatedResourceAnalyzer>.Diagnostics(Usings + """
        class C
        {
            void Switch(string name)
            {
                HashAlgorithm? hash = name switch { "sha256" => SHA256.Create(), "sha384" => SHA384.Create(), "sha512" => SHA512.Create(), _ => null };
                if (hash is null)
                {
                    return;
                }

                using var _ = hash;
                hash.ComputeHash(new byte[1]);
            }

            void Conditional(bool big)
            {
                HashAlgorithm hash = big ? SHA512.Create() : SHA256.Create();
                using var alias = hash;
                hash.ComputeHash(new byte[1]);
            }

            void CopiedTwice(bool big)
            {
                var hash = big ? SHA512.Create() : (HashAlgorithm)SHA256.Create();
                var copy = hash;
                using (copy)
                {
                    copy.ComputeHash(new byte[1]);
                }
            }
        }
        """);

    [Fact]
    public Task Several_creating_arms_lost_are_one_finding_with_the_other_arms_and_the_exit_as_additional_locations()
    {
        var test = new CSharpAnalyzerTest<OWN101DisposeCreatedResourceAnalyzer, DefaultVerifier>
        {
            TestCode = Usings + """
                class C
                {
                    void M(string name)
                    {
                        HashAlgorithm? hash = name switch { "a" => {|#0:SHA256.Create()|}, "b" => {|#1:SHA384.Create()|}, _ => null };
                        if (name.Length > 3)
                        {
                            {|#2:return|};
                        }

                        using var _ = hash;
                    }
                }
                """,
            ReferenceAssemblies = TestReferences.Default,
        };
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.OWN101).WithLocation(0).WithLocation(1).WithLocation(2)
            .WithArguments("hash", "on every path: it is still owned at the return on line 9"));
        return test.RunAsync();
    }

    [Fact]
    public Task Results_of_calls_nothing_is_known_about_do_not_escape_or_release_their_argument() => Verify<OWN303EscapesUsingScopeAnalyzer>.Diagnostics(Usings + """
        abstract class Parser
        {
            public abstract IDisposable Parse(Stream input);
            public abstract Stream Open(Stream output);

            IDisposable Load(byte[] data)
            {
                using var memory = new MemoryStream(data);
                return Parse(memory);
            }

            Stream Wrap(string path)
            {
                using var file = File.OpenRead(path);
                return Open(file);
            }
        }
        """);

    [Fact]
    public Task Results_through_an_interface_are_at_most_an_assumed_alias() => Verify<OWN303EscapesUsingScopeAnalyzer>.Diagnostics(Usings + """
        interface IParser { IDisposable Parse(Stream input); }
        sealed class Parser : IParser
        {
            private readonly IParser _inner;
            public Parser(IParser inner) => _inner = inner;
            public IDisposable Parse(Stream input) => _inner.Parse(input);
        }
        class C
        {
            IDisposable Load(IParser parser, string path)
            {
                using var file = File.OpenRead(path);
                return parser.Parse(file);
            }
        }
        """);

    [Fact]
    public Task Results_known_to_be_the_argument_still_escape_their_using_scope() => Verify<OWN303EscapesUsingScopeAnalyzer>.Diagnostics(Usings + """
        class C
        {
            static Stream Same(Stream s) => s;

            Stream Open(string path)
            {
                using var file = {|OWN303:File.OpenRead(path)|};
                return Same(file);
            }
        }
        """);

    [Fact]
    public Task Disposing_a_result_that_only_may_wrap_the_argument_is_not_a_release_of_it() => Verify<OWN301UsedAfterReleaseAnalyzer>.Diagnostics(Usings + """
        abstract class Generator
        {
            public abstract Stream Open(Stream output);

            long Write(string path)
            {
                using var file = File.OpenWrite(path);
                Open(file).Dispose();
                return file.Length;
            }

            long Known(string path)
            {
                var file = File.OpenRead(path);
                new StreamReader(file).Dispose();
                return {|OWN301:file|}.Length;
            }
        }
        """);
}
