using Verifier = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Pools.OWN501RentedArrayNotReturnedAnalyzer>;

namespace Ownership.Analyzers.Tests.Rules.Pools;

public class OWN501Tests
{
    private const string Usings = "using System; using System.Buffers; using System.Collections.Generic; using System.IO; using System.Threading.Tasks;\n";

    // ---- reports ----

    [Fact]
    public Task Never_returned_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            int M(Stream stream)
            {
                var buffer = {|OWN501:ArrayPool<byte>.Shared.Rent(4096)|};
                return stream.Read(buffer, 0, buffer.Length);
            }
        }
        """);

    [Fact]
    public Task Early_return_skips_the_return() => Verifier.Diagnostics(Usings + """
        class C
        {
            int M(Stream stream)
            {
                var buffer = {|OWN501:ArrayPool<byte>.Shared.Rent(4096)|};
                var read = stream.Read(buffer, 0, buffer.Length);
                if (read == 0)
                {
                    return 0;
                }

                ArrayPool<byte>.Shared.Return(buffer);
                return read;
            }
        }
        """);

    [Fact]
    public Task Dropped_and_overwritten_are_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            private readonly ArrayPool<char> _pool = ArrayPool<char>.Create();

            void Dropped() => {|OWN501:_pool.Rent(16)|};

            void Overwritten(int n)
            {
                var buffer = {|OWN501:_pool.Rent(n)|};
                buffer = _pool.Rent(n * 2);
                _pool.Return(buffer);
            }
        }
        """);

    [Fact]
    public Task A_copy_returned_to_the_caller_leaves_the_rented_array_behind() => Verifier.Diagnostics(Usings + """
        class C
        {
            byte[] M(Stream stream)
            {
                var buffer = {|OWN501:ArrayPool<byte>.Shared.Rent(4096)|};
                var read = stream.Read(buffer, 0, buffer.Length);
                return buffer.AsSpan(0, read).ToArray();
            }
        }
        """);

    [Fact]
    public Task A_wrapper_over_the_array_does_not_return_it() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(byte[] data)
            {
                var buffer = {|OWN501:ArrayPool<byte>.Shared.Rent(data.Length)|};
                using var stream = new MemoryStream(buffer);
                stream.Write(data, 0, data.Length);
            }
        }
        """);

    [Fact]
    public Task Passed_to_a_source_method_that_only_uses_it() => Verifier.Diagnostics(Usings + """
        class C
        {
            static void Fill(byte[] target) { for (var i = 0; i < target.Length; i++) target[i] = 1; }

            void M()
            {
                var buffer = {|OWN501:ArrayPool<byte>.Shared.Rent(16)|};
                Fill(buffer);
            }
        }
        """);

    [Fact]
    public Task Returned_to_another_pool_is_reported_at_the_return() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M()
            {
                var pool = ArrayPool<byte>.Create();
                var buffer = pool.Rent(16);
                buffer[0] = 1;
                {|OWN501:ArrayPool<byte>.Shared.Return(buffer)|};
            }
        }
        """);

    [Fact]
    public Task Leak_in_a_loop_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(Stream stream, int count)
            {
                for (var i = 0; i < count; i++)
                {
                    var chunk = {|OWN501:ArrayPool<byte>.Shared.Rent(512)|};
                    if (stream.Read(chunk, 0, 512) == 0)
                    {
                        break;
                    }

                    ArrayPool<byte>.Shared.Return(chunk);
                }
            }
        }
        """);

    // ---- clean look-alikes ----

    [Fact]
    public Task Returned_in_finally_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            int M(Stream stream)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    return stream.Read(buffer, 0, buffer.Length);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                }
            }

            async Task<int> Async(Stream stream)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    return await stream.ReadAsync(buffer.AsMemory(0, 100));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        """);

    [Fact]
    public Task Stackalloc_fallback_pattern_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            int M(Stream stream, int n)
            {
                byte[]? rented = null;
                Span<byte> buffer = n <= 256 ? stackalloc byte[n] : (rented = ArrayPool<byte>.Shared.Rent(n));
                try
                {
                    return stream.Read(buffer);
                }
                finally
                {
                    if (rented != null)
                    {
                        ArrayPool<byte>.Shared.Return(rented);
                    }
                }
            }

            int Chars(string s)
            {
                char[]? pooled = null;
                Span<char> chars = s.Length <= 128 ? stackalloc char[128] : (pooled = ArrayPool<char>.Shared.Rent(s.Length));
                var count = s.AsSpan().ToUpperInvariant(chars);
                if (pooled is not null)
                {
                    ArrayPool<char>.Shared.Return(pooled);
                }

                return count;
            }
        }
        """);

    [Fact]
    public Task Ownership_handed_on_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            private byte[]? _buffer;
            private readonly List<byte[]> _buffers = new();

            byte[] ToCaller(int n)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(n);
                buffer[0] = 1;
                return buffer;
            }

            void ToField(int n)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(n);
                _buffer = buffer;
            }

            void ToCollection(int n) => _buffers.Add(ArrayPool<byte>.Shared.Rent(n));

            void ToStoringMethod(int n) => Keep(ArrayPool<byte>.Shared.Rent(n));

            void ToReturningMethod(int n) => _buffer = Pass(ArrayPool<byte>.Shared.Rent(n));

            void ToReleasingMethod(int n)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(n);
                Give(buffer);
            }

            private void Keep(byte[] array) => _buffer = array;

            private static byte[] Pass(byte[] array) => array;

            private static void Give(byte[] array) => ArrayPool<byte>.Shared.Return(array);

            IEnumerable<byte[]> Yielded(int n)
            {
                yield return ArrayPool<byte>.Shared.Rent(n);
            }

            Action Captured(int n)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(n);
                return () => ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        """);

    [Fact]
    public Task Shared_pool_and_pool_instances_are_told_apart_only_when_certain() => Verifier.Diagnostics(Usings + """
        class C
        {
            private readonly ArrayPool<byte> _pool;
            private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(1024, 4);

            C(ArrayPool<byte>? pool) => _pool = pool ?? ArrayPool<byte>.Shared;

            void Field()
            {
                var buffer = _pool.Rent(16);
                try { buffer[0] = 1; } finally { _pool.Return(buffer); }
            }

            void FieldMaybeShared()
            {
                var buffer = _pool.Rent(16);
                try { buffer[0] = 1; } finally { ArrayPool<byte>.Shared.Return(buffer); }
            }

            void Static()
            {
                var buffer = Pool.Rent(16);
                try { buffer[0] = 1; } finally { Pool.Return(buffer); }
            }

            void Parameter(ArrayPool<byte> pool)
            {
                var buffer = pool.Rent(16);
                try { buffer[0] = 1; } finally { pool.Return(buffer); }
            }

            void LocalInstance()
            {
                var pool = ArrayPool<byte>.Create();
                var buffer = pool.Rent(16);
                try { buffer[0] = 1; } finally { pool.Return(buffer); }
            }

            void Generic<T>(int n)
            {
                var items = ArrayPool<T>.Shared.Rent(n);
                try { items[0] = default!; } finally { ArrayPool<T>.Shared.Return(items); }
            }
        }
        """);

    [Fact]
    public Task Conditional_owner_and_rerent_are_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            void Grow(Stream stream)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(256);
                try
                {
                    int read;
                    var total = 0;
                    while ((read = stream.Read(buffer, total, buffer.Length - total)) > 0)
                    {
                        total += read;
                        if (total == buffer.Length)
                        {
                            var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                            Array.Copy(buffer, bigger, total);
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = bigger;
                        }
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }

            void Owned(byte[]? given)
            {
                var ownsBuffer = given is null;
                var buffer = given ?? ArrayPool<byte>.Shared.Rent(64);
                buffer[0] = 1;
                if (ownsBuffer)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        """);

    [Fact]
    public Task Arrays_not_from_a_pool_and_MemoryPool_are_not_this_rule() => Verifier.Diagnostics(Usings + """
        class C
        {
            int M(Stream stream)
            {
                var buffer = new byte[4096];
                using var owner = MemoryPool<byte>.Shared.Rent(4096);
                return stream.Read(buffer, 0, buffer.Length) + owner.Memory.Length;
            }
        }
        """);

    [Fact]
    public Task Returned_through_the_segment_that_wraps_it_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            int Count(int[] values, int target)
            {
                var marks = new ArraySegment<int>(ArrayPool<int>.Shared.Rent(values.Length), 0, values.Length);
                var count = 0;
                for (var i = 0; i < values.Length; i++) { marks[i] = values[i] == target ? 1 : 0; count += marks[i]; }
                if (count == 0)
                {
                    ArrayPool<int>.Shared.Return(marks.Array!);
                    return 0;
                }

                ArrayPool<int>.Shared.Return(marks.Array!);
                return count;
            }
            int Forgotten(int[] values)
            {
                var marks = new ArraySegment<int>({|OWN501:ArrayPool<int>.Shared.Rent(values.Length)|}, 0, values.Length);
                if (values.Length == 0)
                {
                    return 0;
                }

                ArrayPool<int>.Shared.Return(marks.Array!);
                return 1;
            }
        }
        """);
}
