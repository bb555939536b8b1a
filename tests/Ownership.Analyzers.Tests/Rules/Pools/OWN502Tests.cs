using Verifier = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Pools.OWN502PooledArrayUsedAfterReturnAnalyzer>;

namespace Ownership.Analyzers.Tests.Rules.Pools;

public class OWN502Tests
{
    private const string Usings = "using System; using System.Buffers; using System.IO; using System.Text;\n";

    // ---- reports ----

    [Fact]
    public Task Element_written_after_return_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M()
            {
                var buffer = ArrayPool<byte>.Shared.Rent(16);
                ArrayPool<byte>.Shared.Return(buffer);
                {|OWN502:buffer|}[0] = 1;
            }
        }
        """);

    [Fact]
    public Task Read_after_return_in_finally_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            string M(Stream stream)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(256);
                int read;
                try
                {
                    read = stream.Read(buffer, 0, buffer.Length);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }

                return Encoding.UTF8.GetString({|OWN502:buffer|}, 0, read);
            }
        }
        """);

    [Fact]
    public Task Span_over_the_array_used_after_return_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M()
            {
                var buffer = ArrayPool<byte>.Shared.Rent(16);
                var span = buffer.AsSpan(0, 8);
                ArrayPool<byte>.Shared.Return(buffer);
                {|OWN502:span|}.Fill(0);
            }
        }
        """);

    [Fact]
    public Task Handed_on_after_return_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            private byte[]? _last;

            byte[] M()
            {
                var buffer = ArrayPool<byte>.Shared.Rent(16);
                ArrayPool<byte>.Shared.Return(buffer);
                _last = {|OWN502:buffer|};
                return {|OWN502:buffer|};
            }
        }
        """);

    [Fact]
    public Task Returned_twice_is_reported() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(Stream stream)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(16);
                try
                {
                    stream.Write(buffer, 0, 16);
                    ArrayPool<byte>.Shared.Return(buffer);
                }
                finally
                {
                    {|OWN502:ArrayPool<byte>.Shared.Return(buffer)|};
                }
            }
        }
        """);

    // ---- clean look-alikes ----

    [Fact]
    public Task Rerented_into_the_same_variable_is_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(int n)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(16);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = ArrayPool<byte>.Shared.Rent(n);
                buffer[0] = 1;
                ArrayPool<byte>.Shared.Return(buffer);
            }

            void Loop(int count)
            {
                for (var i = 0; i < count; i++)
                {
                    var chunk = ArrayPool<byte>.Shared.Rent(64);
                    chunk[0] = (byte)i;
                    ArrayPool<byte>.Shared.Return(chunk);
                }
            }
        }
        """);

    [Fact]
    public Task Returned_on_one_path_only_is_not_a_certain_use_after_return() => Verifier.Diagnostics(Usings + """
        class C
        {
            void M(Stream stream, bool done)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(16);
                if (done)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return;
                }

                stream.Write(buffer, 0, 16);
                ArrayPool<byte>.Shared.Return(buffer);
            }

            void Grow(Stream stream)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(16);
                while (stream.Read(buffer, 0, buffer.Length) == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        """);

    [Fact]
    public Task Length_read_and_null_reset_after_return_are_clean() => Verifier.Diagnostics(Usings + """
        class C
        {
            int M()
            {
                byte[]? buffer = ArrayPool<byte>.Shared.Rent(16);
                var length = buffer.Length;
                ArrayPool<byte>.Shared.Return(buffer);
                length += buffer.Length;
                buffer = null;
                return buffer is null ? length : 0;
            }

            void Guarded(Stream stream)
            {
                byte[]? rented = ArrayPool<byte>.Shared.Rent(16);
                try
                {
                    stream.Write(rented, 0, 16);
                    ArrayPool<byte>.Shared.Return(rented);
                    rented = null;
                }
                finally
                {
                    if (rented is not null)
                    {
                        ArrayPool<byte>.Shared.Return(rented);
                    }
                }
            }
        }
        """);
}
