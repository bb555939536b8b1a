using System;

namespace Ownership.Analyzers.Model.Flow;

/// <summary>
/// A fixed-length array that is cheap to copy: it is cut into chunks, a copy shares every chunk,
/// and a chunk is copied the first time one of the sharers writes to it. The flow copies its state
/// at every block it visits, and a long method has thousands of variables of which a block changes
/// a few. Elements are compared and stored by reference.
/// </summary>
internal sealed class SharedArray<T>
    where T : class
{
    private const int ChunkShift = 5;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    private readonly T?[][] _chunks;

    /// <summary>Per chunk: this array is its only holder and may write to it in place.</summary>
    private readonly bool[] _exclusive;

    public SharedArray(int length)
    {
        Length = length;
        var chunkCount = (length + ChunkMask) >> ChunkShift;
        _chunks = new T?[chunkCount][];
        _exclusive = new bool[chunkCount];
        for (var chunk = 0; chunk < chunkCount; chunk++)
        {
            _chunks[chunk] = new T?[ChunkSize];
            _exclusive[chunk] = true;
        }
    }

    private SharedArray(T?[][] chunks, int length)
    {
        Length = length;
        _chunks = chunks;
        _exclusive = new bool[chunks.Length];
    }

    public int Length { get; }

    /// <summary>The number of chunks, for walks that skip chunks two arrays share (<see cref="SharesChunk"/>).</summary>
    public int ChunkCount => _chunks.Length;

    public T? this[int index]
    {
        get => _chunks[index >> ChunkShift][index & ChunkMask];
        set
        {
            var chunk = index >> ChunkShift;
            var slot = index & ChunkMask;
            if (ReferenceEquals(_chunks[chunk][slot], value))
            {
                return;
            }

            if (!_exclusive[chunk])
            {
                _chunks[chunk] = (T?[])_chunks[chunk].Clone();
                _exclusive[chunk] = true;
            }

            _chunks[chunk][slot] = value;
        }
    }

    /// <summary>A copy sharing every chunk with this one; from now on both copy a chunk before writing to it.</summary>
    public SharedArray<T> Copy()
    {
        Array.Clear(_exclusive, 0, _exclusive.Length);
        return new SharedArray<T>((T?[][])_chunks.Clone(), Length);
    }

    /// <summary>True when both hold the very same chunk: its elements are the same.</summary>
    public bool SharesChunk(SharedArray<T> other, int chunk)
        => chunk < _chunks.Length && chunk < other._chunks.Length && ReferenceEquals(_chunks[chunk], other._chunks[chunk]);

    /// <summary>The first index of a chunk.</summary>
    public static int ChunkStart(int chunk) => chunk << ChunkShift;

    /// <summary>One past the last index of a chunk within this array.</summary>
    public int ChunkEnd(int chunk) => Math.Min(Length, (chunk + 1) << ChunkShift);
}
