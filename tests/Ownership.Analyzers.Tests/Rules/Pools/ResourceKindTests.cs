using Ownership.Analyzers.Rules.Locals;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules.Pools;

/// <summary>
/// One model, several kinds of resource: each rule family reads its own kind, the exception-path
/// rule reads them all, and what the flow learns for one kind holds for the others.
/// </summary>
public class ResourceKindTests
{
    private const string Usings = "using System; using System.Buffers; using System.IO; using System.Runtime.InteropServices;\n";

    private const string PooledLeaks = Usings + """
        class C
        {
            void Leaked(Stream s) { var buffer = ArrayPool<byte>.Shared.Rent(16); s.Read(buffer, 0, 16); }
            void Dropped() => ArrayPool<byte>.Shared.Rent(16);
            void Overwritten() { var buffer = ArrayPool<byte>.Shared.Rent(16); buffer = ArrayPool<byte>.Shared.Rent(32); ArrayPool<byte>.Shared.Return(buffer); }
            byte[] Returned() => ArrayPool<byte>.Shared.Rent(16);
            int Property => ArrayPool<byte>.Shared.Rent(16).Length;
            void Memory() { var memory = Marshal.AllocHGlobal(16); GCHandle.Alloc(memory); }
        }
        """;

    [Fact]
    public Task Pooled_and_unmanaged_resources_are_not_OWN101() => Verify<OWN101DisposeCreatedResourceAnalyzer>.Diagnostics(PooledLeaks);

    [Fact]
    public Task Pooled_and_unmanaged_resources_are_not_OWN102() => Verify<OWN102CreatedResourceDiscardedAnalyzer>.Diagnostics(PooledLeaks);

    [Fact]
    public Task Pooled_and_unmanaged_resources_are_not_OWN104() => Verify<OWN104LocalOverwrittenWhileOwningAnalyzer>.Diagnostics(PooledLeaks);

    [Fact]
    public Task Pooled_and_unmanaged_resources_are_not_OWN106() => Verify<OWN106ResourceReturnedThroughNonDisposableAnalyzer>.Diagnostics(PooledLeaks);

    [Fact]
    public Task A_release_skipped_only_by_an_exception_is_OWN103_for_every_kind_that_is_lost() => Verify<OWN103ReleaseNotInFinallyAnalyzer>.Diagnostics(Usings + """
        class C
        {
            // A rented array skipped on an exception path is not lost: the pool rents another.
            void Pooled(Stream stream)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(16);
                stream.Read(buffer, 0, 16);
                ArrayPool<byte>.Shared.Return(buffer);
            }

            void Unmanaged(byte[] data)
            {
                var memory = {|OWN103:Marshal.AllocHGlobal(data.Length)|};
                Marshal.Copy(data, 0, memory, data.Length);
                Marshal.FreeHGlobal(memory);
            }

            void Handle(object target)
            {
                var handle = {|OWN103:GCHandle.Alloc(target, GCHandleType.Pinned)|};
                Console.WriteLine(handle.AddrOfPinnedObject());
                handle.Free();
            }

            void InFinally(Stream stream)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(16);
                try { stream.Read(buffer, 0, 16); } finally { ArrayPool<byte>.Shared.Return(buffer); }
            }
        }
        """);

    [Fact]
    public Task OWN103_offers_using_only_for_disposables() => VerifyFix<OWN103ReleaseNotInFinallyAnalyzer, Ownership.Analyzers.CodeFixes.Locals.OWN103ConvertToUsingCodeFix>.NoFix(Usings + """
        using System.Runtime.InteropServices;
        class C
        {
            void M(byte[] data)
            {
                var memory = {|OWN103:Marshal.AllocHGlobal(data.Length)|};
                Marshal.Copy(data, 0, memory, data.Length);
                Marshal.FreeHGlobal(memory);
            }
        }
        """);

    [Fact]
    public Task The_leak_rules_do_not_report_the_exception_path_case() => Verify<Ownership.Analyzers.Rules.Pools.OWN501RentedArrayNotReturnedAnalyzer>.Diagnostics(Usings + """
        class C
        {
            void Pooled(Stream stream)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(16);
                stream.Read(buffer, 0, 16);
                ArrayPool<byte>.Shared.Return(buffer);
            }

            void Disposable(string path)
            {
                var stream = File.OpenRead(path);
                stream.ReadByte();
            }
        }
        """);

    [Fact]
    public Task A_disposable_kept_in_a_local_that_anchors_it_is_narrowed_by_its_null_test() => Verify<OWN101DisposeCreatedResourceAnalyzer>.Diagnostics(Usings + """
        class C
        {
            int Count(Stream? given, string path)
            {
                Stream? owned = null;
                var stream = given ?? (owned = File.OpenRead(path));
                try
                {
                    return stream.ReadByte();
                }
                finally
                {
                    if (owned != null)
                    {
                        owned.Dispose();
                    }
                }
            }
        }
        """);
}
