using System.IO;
using System.IO.Compression;

namespace LeakyArchiver;

/// <summary>Turns <c>app.log</c> into <c>app.log.gz</c> next to it.</summary>
public sealed class GzipCompressor
{
    public string Compress(string path)
    {
        var target = path + ".gz";

        // Correct: using declarations release all three streams, in reverse order.
        using var input = LogScanner.OpenLog(path);
        using var output = File.Create(target);
        using var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true);
        input.CopyTo(gzip);
        gzip.Flush();

        return target;
    }

    // Correct: the GZipStream owns the FileStream, and the caller owns the GZipStream.
    public Stream OpenArchive(string archivePath)
        => new GZipStream(File.OpenRead(archivePath), CompressionMode.Decompress);

    public bool LooksLikeText(string path)
    {
        // Leak (OWN101): the early return for an empty file skips the Dispose below.
        var stream = File.OpenRead(path);
        if (stream.Length == 0)
        {
            return false;
        }

        var buffer = new byte[512];
        var read = stream.Read(buffer, 0, buffer.Length);
        stream.Dispose();

        for (var i = 0; i < read; i++)
        {
            if (buffer[i] == 0)
            {
                return false;
            }
        }

        return true;
    }

    // Correct: leaveOpen keeps the caller's stream open, and the gzip stream is still disposed.
    public static void CompressInto(Stream source, Stream destination)
    {
        using var gzip = new GZipStream(destination, CompressionMode.Compress, leaveOpen: true);
        source.CopyTo(gzip);
    }
}
