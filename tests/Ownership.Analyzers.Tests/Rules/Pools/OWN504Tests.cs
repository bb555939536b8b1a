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

    // ---- clean look-alikes ----

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
