using System;
using System.IO;
using System.Threading;

namespace Samples;

public static class Locals
{
    public static string ReadFirstLine(string path)
    {
        var reader = new StreamReader(path); // expect OWN101: never disposed
        return reader.ReadLine() ?? string.Empty;
    }

    public static string? ReadHeader(string path)
    {
        var reader = new StreamReader(path); // expect OWN101: the early return keeps it
        var header = reader.ReadLine();
        if (header is null)
        {
            return null;
        }

        reader.Dispose();
        return header;
    }

    public static void StartTimer()
    {
        new Timer(_ => { }, null, 0, 1000); // expect OWN102: discarded
    }

    public static long Length(string path)
    {
        var stream = File.OpenRead(path); // expect OWN103: Dispose outside finally
        var length = stream.Seek(0, SeekOrigin.End);
        stream.Dispose();
        return length;
    }

    public static void WriteTwice(string first, string second)
    {
        var writer = new StreamWriter(first);
        writer.Write(1);
        writer = new StreamWriter(second); // expect OWN104: the first writer is lost
        writer.Dispose();
    }

    // Correct code: silent.
    public static int CountLines(string path)
    {
        using var reader = File.OpenText(path);
        var count = 0;
        while (reader.ReadLine() is not null)
        {
            count++;
        }

        return count;
    }

    public static StreamReader Open(string path)
    {
        var stream = File.OpenRead(path);
        return new StreamReader(stream);
    }
}
