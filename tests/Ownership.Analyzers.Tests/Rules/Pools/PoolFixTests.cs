using Ownership.Analyzers.CodeFixes.Pools;
using Ownership.Analyzers.Rules.Pools;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules.Pools;

public class PoolFixTests
{
    private const string Usings = "using System; using System.Buffers; using System.IO; using System.Runtime.InteropServices;\n";

    [Fact]
    public Task OWN501_returns_in_finally_to_the_same_pool() => VerifyFix<OWN501RentedArrayNotReturnedAnalyzer, OWN501ReturnInFinallyCodeFix>.Fix(Usings + """
        class C
        {
            private readonly ArrayPool<byte> _pool = ArrayPool<byte>.Create();

            int M(Stream stream)
            {
                var buffer = {|OWN501:_pool.Rent(4096)|};

                var read = stream.Read(buffer, 0, buffer.Length);
                return read;
            }
        }
        """, Usings + """
        class C
        {
            private readonly ArrayPool<byte> _pool = ArrayPool<byte>.Create();

            int M(Stream stream)
            {
                var buffer = _pool.Rent(4096);
                try
                {
                    var read = stream.Read(buffer, 0, buffer.Length);
                    return read;
                }
                finally
                {
                    _pool.Return(buffer);
                }
            }
        }
        """);

    [Fact]
    public Task OWN501_fix_all_nests_the_releases() => VerifyFix<OWN501RentedArrayNotReturnedAnalyzer, OWN501ReturnInFinallyCodeFix>.Fix(Usings + """
        class C
        {
            void M(Stream input, Stream output)
            {
                var first = {|OWN501:ArrayPool<byte>.Shared.Rent(16)|};
                var second = {|OWN501:ArrayPool<char>.Shared.Rent(16)|};
                input.Read(first, 0, 16);
                second[0] = (char)first[0];
            }
        }
        """, Usings + """
        class C
        {
            void M(Stream input, Stream output)
            {
                var first = ArrayPool<byte>.Shared.Rent(16);
                try
                {
                    var second = ArrayPool<char>.Shared.Rent(16);
                    try
                    {
                        input.Read(first, 0, 16);
                        second[0] = (char)first[0];
                    }
                    finally
                    {
                        ArrayPool<char>.Shared.Return(second);
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(first);
                }
            }
        }
        """);

    [Fact]
    public Task OWN503_frees_with_the_matching_free() => VerifyFix<OWN503UnmanagedMemoryNotFreedAnalyzer, OWN503FreeInFinallyCodeFix>.Fix(Usings + """
        unsafe class C
        {
            void Marshalled(byte[] data)
            {
                var memory = {|OWN503:Marshal.AllocHGlobal(data.Length)|};
                Marshal.Copy(data, 0, memory, data.Length);
            }

            void Aligned()
            {
                var memory = {|OWN503:NativeMemory.AlignedAlloc(64, 16)|};
                *(byte*)memory = 1;
            }

            void Pointer()
            {
                byte* bytes = (byte*){|OWN503:Marshal.AllocCoTaskMem(8)|};
                bytes[0] = 1;
            }
        }
        """, Usings + """
        unsafe class C
        {
            void Marshalled(byte[] data)
            {
                var memory = Marshal.AllocHGlobal(data.Length);
                try
                {
                    Marshal.Copy(data, 0, memory, data.Length);
                }
                finally
                {
                    Marshal.FreeHGlobal(memory);
                }
            }

            void Aligned()
            {
                var memory = NativeMemory.AlignedAlloc(64, 16);
                try
                {
                    *(byte*)memory = 1;
                }
                finally
                {
                    NativeMemory.AlignedFree(memory);
                }
            }

            void Pointer()
            {
                byte* bytes = (byte*)Marshal.AllocCoTaskMem(8);
                try
                {
                    bytes[0] = 1;
                }
                finally
                {
                    Marshal.FreeCoTaskMem((nint)bytes);
                }
            }
        }
        """);

    [Fact]
    public Task OWN504_frees_the_handle() => VerifyFix<OWN504GCHandleNotFreedAnalyzer, OWN504FreeInFinallyCodeFix>.Fix(Usings + """
        class C
        {
            static void Use(IntPtr address) { }

            void M(byte[] data)
            {
                var handle = {|OWN504:GCHandle.Alloc(data, GCHandleType.Pinned)|};
                Use(handle.AddrOfPinnedObject());
            }
        }
        """, Usings + """
        class C
        {
            static void Use(IntPtr address) { }

            void M(byte[] data)
            {
                var handle = GCHandle.Alloc(data, GCHandleType.Pinned);
                try
                {
                    Use(handle.AddrOfPinnedObject());
                }
                finally
                {
                    handle.Free();
                }
            }
        }
        """);

    [Fact]
    public Task No_fix_when_released_on_some_path() => VerifyFix<OWN501RentedArrayNotReturnedAnalyzer, OWN501ReturnInFinallyCodeFix>.NoFix(Usings + """
        class C
        {
            byte[]? M(bool keep)
            {
                var buffer = {|OWN501:ArrayPool<byte>.Shared.Rent(16)|};
                if (keep)
                {
                    return buffer;
                }

                return null;
            }
        }
        """);

    [Fact]
    public Task No_fix_when_the_pool_cannot_be_named_again_or_the_value_is_not_a_local() => VerifyFix<OWN501RentedArrayNotReturnedAnalyzer, OWN501ReturnInFinallyCodeFix>.NoFix(Usings + """
        class C
        {
            static ArrayPool<byte> Pool() => ArrayPool<byte>.Shared;

            void Call()
            {
                var buffer = {|OWN501:Pool().Rent(16)|};
                buffer[0] = 1;
            }

            void Dropped() => {|OWN501:ArrayPool<byte>.Shared.Rent(16)|};

            void Written()
            {
                var buffer = {|OWN501:ArrayPool<byte>.Shared.Rent(16)|};
                buffer = new byte[1];
                buffer[0] = 1;
            }
        }
        """);
}
