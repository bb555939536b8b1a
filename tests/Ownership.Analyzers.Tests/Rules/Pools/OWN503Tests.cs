using Verifier = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Pools.OWN503UnmanagedMemoryNotFreedAnalyzer>;

namespace Ownership.Analyzers.Tests.Rules.Pools;

public class OWN503Tests
{
    private const string Usings = "using System; using System.Runtime.InteropServices;\n";

    // ---- reports ----

    [Fact]
    public Task Memory_returned_as_a_managed_ref_is_handed_to_the_caller() => Verifier.Diagnostics(Usings + """
        using System.Runtime.CompilerServices;
        unsafe sealed class BlockSource
        {
            public ref byte Rent(int size)
            {
                var block = NativeMemory.Alloc((nuint)size);
                return ref Unsafe.AsRef<byte>(block);
            }

            public ref byte Grow(ref byte block, int size)
            {
                var grown = NativeMemory.Realloc(Unsafe.AsPointer(ref block), (nuint)size);
                return ref Unsafe.AsRef<byte>(grown);
            }

            public ref long RentInline(int count) => ref Unsafe.AsRef<long>(NativeMemory.Alloc((nuint)(count * 8)));

            public int RentAndDrop(int size)
            {
                var block = {|OWN503:NativeMemory.Alloc((nuint)size)|};
                ref byte first = ref Unsafe.AsRef<byte>(block);
                first = 42;
                return first;
            }

            public void Release(ref byte block) => NativeMemory.Free(Unsafe.AsPointer(ref block));
        }
        """);

    [Fact]
    public Task Never_freed_is_reported() => Verifier.Diagnostics(Usings + """
        unsafe class C
        {
            void HGlobal(byte[] data)
            {
                var memory = {|OWN503:Marshal.AllocHGlobal(data.Length)|};
                Marshal.Copy(data, 0, memory, data.Length);
            }

            void Native()
            {
                byte* bytes = (byte*){|OWN503:NativeMemory.AllocZeroed(64)|};
                bytes[0] = 1;
            }

            string String(string text)
            {
                var native = {|OWN503:Marshal.StringToCoTaskMemUTF8(text)|};
                return Marshal.PtrToStringUTF8(native)!;
            }
        }
        """);

    [Fact]
    public Task Freed_on_one_path_only_is_reported() => Verifier.Diagnostics(Usings + """
        unsafe class C
        {
            int M(int size)
            {
                void* memory = {|OWN503:NativeMemory.Alloc((nuint)size)|};
                if (size > 1024)
                {
                    return -1;
                }

                NativeMemory.Free(memory);
                return size;
            }
        }
        """);

    [Fact]
    public Task Wrong_free_is_reported_at_the_free() => Verifier.Diagnostics(Usings + """
        unsafe class C
        {
            void Marshalled()
            {
                var memory = Marshal.AllocHGlobal(16);
                {|OWN503:Marshal.FreeCoTaskMem(memory)|};
            }

            void Aligned()
            {
                var memory = NativeMemory.AlignedAlloc(64, 16);
                {|OWN503:NativeMemory.Free(memory)|};
            }

            void Unaligned()
            {
                var memory = NativeMemory.Alloc(64);
                {|OWN503:NativeMemory.AlignedFree(memory)|};
            }
        }
        """);

    [Fact]
    public Task Memory_passed_to_a_method_that_only_uses_it_is_still_owned() => Verifier.Diagnostics(Usings + """
        static class Native
        {
            [DllImport("native")]
            public static extern void Fill(IntPtr buffer, int length);
        }

        class C
        {
            void M()
            {
                var memory = {|OWN503:Marshal.AllocHGlobal(16)|};
                Native.Fill(memory, 16);
            }
        }
        """);

    // ---- clean look-alikes ----

    [Fact]
    public Task Freed_in_finally_is_clean() => Verifier.Diagnostics(Usings + """
        unsafe class C
        {
            void HGlobal(byte[] data)
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
                byte* bytes = (byte*)NativeMemory.AlignedAlloc(64, 16);
                try
                {
                    bytes[0] = 1;
                    *bytes = 2;
                }
                finally
                {
                    NativeMemory.AlignedFree(bytes);
                }
            }

            void Pointer()
            {
                byte* bytes = (byte*)Marshal.AllocCoTaskMem(8);
                try
                {
                    bytes[1] = 1;
                }
                finally
                {
                    Marshal.FreeCoTaskMem((IntPtr)bytes);
                }
            }
        }
        """);

    [Fact]
    public Task Freed_under_a_zero_test_is_clean() => Verifier.Diagnostics(Usings + """
        unsafe class C
        {
            void Zero(int size)
            {
                var memory = IntPtr.Zero;
                try
                {
                    memory = Marshal.AllocHGlobal(size);
                    Marshal.WriteByte(memory, 0);
                }
                finally
                {
                    if (memory != IntPtr.Zero)
                    {
                        Marshal.FreeHGlobal(memory);
                    }
                }
            }

            void Null(nuint size)
            {
                byte* bytes = null;
                try
                {
                    bytes = (byte*)NativeMemory.Alloc(size);
                    bytes[0] = 1;
                }
                finally
                {
                    if (bytes != null)
                    {
                        NativeMemory.Free(bytes);
                    }
                }
            }

            void Default(int size, bool skip)
            {
                nint memory = skip ? default : Marshal.AllocCoTaskMem(size);
                if (memory == 0)
                {
                    return;
                }

                Marshal.FreeCoTaskMem(memory);
            }
        }
        """);

    [Fact]
    public Task Memory_handed_to_a_method_that_frees_it_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(byte[] data)
            {
                var memory = Marshal.AllocHGlobal(data.Length);
                Marshal.Copy(data, 0, memory, data.Length);
                Send(memory, data.Length);
            }

            private static void Send(IntPtr buffer, int length)
            {
                try
                {
                    Marshal.WriteByte(buffer, length - 1, 0);
                }
                finally
                {
                    Marshal.FreeHGlobal(buffer);
                }
            }
        }
        """);

    [Fact]
    public Task A_method_declared_to_take_ownership_takes_it() => Verifier.Diagnostics(Usings + """
        namespace Interop
        {
            static class Native
            {
                [DllImport("native")]
                public static extern void Adopt(IntPtr buffer);

                [DllImport("native")]
                public static extern void Fill(IntPtr buffer);
            }

            class C
            {
                void M()
                {
                    var memory = Marshal.AllocHGlobal(16);
                    Native.Fill(memory);
                    Native.Adopt(memory);
                }
            }
        }
        """, "ownership.transfer_methods = Interop.Native.Adopt");

    [Fact]
    public Task Returned_stored_and_reallocated_memory_is_clean() => Verifier.Diagnostics(Usings + """
        unsafe class C
        {
            private IntPtr _memory;

            IntPtr ToCaller(int size) => Marshal.AllocHGlobal(size);

            void ToField(int size)
            {
                var memory = Marshal.AllocHGlobal(size);
                _memory = memory;
            }

            void Grow(int size)
            {
                var memory = Marshal.AllocHGlobal(16);
                try
                {
                    memory = Marshal.ReAllocHGlobal(memory, (IntPtr)size);
                    Marshal.WriteByte(memory, 0);
                }
                finally
                {
                    Marshal.FreeHGlobal(memory);
                }
            }

            void* Native(nuint size)
            {
                var memory = NativeMemory.Alloc(size);
                return NativeMemory.Realloc(memory, size * 2);
            }
        }
        """);
}
