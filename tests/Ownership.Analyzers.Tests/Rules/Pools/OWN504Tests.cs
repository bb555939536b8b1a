using Verifier = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Pools.OWN504GCHandleNotFreedAnalyzer>;

namespace Ownership.Analyzers.Tests.Rules.Pools;

public class OWN504Tests
{
    private const string Usings = "using System; using System.Runtime.InteropServices;\n";

    // ---- reports ----

    [Fact]
    public Task Pinned_handle_never_freed_is_reported() => Verifier.Diagnostics(Usings + """
        static class Native
        {
            [DllImport("native")]
            public static extern void Write(IntPtr data, int length);
        }

        class C
        {
            void M(byte[] data)
            {
                var handle = {|OWN504:GCHandle.Alloc(data, GCHandleType.Pinned)|};
                Native.Write(handle.AddrOfPinnedObject(), data.Length);
            }
        }
        """);

    [Fact]
    public Task Freed_on_one_path_only_and_dropped_are_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            bool M(object target, bool check)
            {
                var handle = {|OWN504:GCHandle.Alloc(target, GCHandleType.Weak)|};
                if (check && handle.Target is null)
                {
                    return false;
                }

                handle.Free();
                return true;
            }

            void Dropped(object target) => {|OWN504:GCHandle.Alloc(target)|};
        }
        """);

    [Fact]
    public Task Release_guarded_by_a_test_that_does_not_match_the_allocation_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            static void Use(IntPtr a, IntPtr b) { }

            // The allocation depends on key, the release on val: the path with key set and val null keeps the pin.
            void OtherParameter(byte[] val, byte[] key)
            {
                var pin = default(GCHandle);
                if (key != null)
                {
                    pin = {|OWN504:GCHandle.Alloc(key, GCHandleType.Pinned)|};
                }

                try
                {
                    Use(IntPtr.Zero, IntPtr.Zero);
                }
                finally
                {
                    if (val != null)
                    {
                        pin.Free();
                    }
                }
            }
        }
        """);

    // ---- clean look-alikes ----

    [Fact]
    public Task Release_guarded_by_the_same_parameter_test_as_the_allocation_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            static int Produce(IntPtr value, IntPtr key) => 0;

            // Both handles exist exactly when their array is not null; the finally frees them under the same tests.
            int M(byte[] val, byte[] key)
            {
                var gchValue = default(GCHandle);
                var gchKey = default(GCHandle);
                var pValue = IntPtr.Zero;
                var pKey = IntPtr.Zero;
                if (val == null)
                {
                    Console.WriteLine("no value");
                }
                else
                {
                    gchValue = GCHandle.Alloc(val, GCHandleType.Pinned);
                    pValue = gchValue.AddrOfPinnedObject();
                }

                if (key is not null)
                {
                    gchKey = GCHandle.Alloc(key, GCHandleType.Pinned);
                    pKey = gchKey.AddrOfPinnedObject();
                }

                try
                {
                    return Produce(pValue, pKey);
                }
                finally
                {
                    if (val != null)
                    {
                        gchValue.Free();
                    }

                    if (!(key is null))
                    {
                        gchKey.Free();
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Freed_in_finally_is_clean() => Verifier.Diagnostics(Usings + """
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
                    if (handle.IsAllocated)
                    {
                        handle.Free();
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Handed_on_as_IntPtr_is_clean() => Verifier.Diagnostics(Usings + """
        static class Native
        {
            [DllImport("native")]
            public static extern void Register(IntPtr state);
        }

        class C
        {
            private GCHandle _self;

            IntPtr ToCaller(object target)
            {
                var handle = GCHandle.Alloc(target);
                return GCHandle.ToIntPtr(handle);
            }

            void ToNative(object target)
            {
                var handle = GCHandle.Alloc(target);
                Native.Register(GCHandle.ToIntPtr(handle));
            }

            void Converted(object target)
            {
                var handle = GCHandle.Alloc(target);
                Native.Register((IntPtr)handle);
            }

            void ToField() => _self = GCHandle.Alloc(this, GCHandleType.Weak);

            static void Callback(IntPtr state) => GCHandle.FromIntPtr(state).Free();
        }
        """);
}
