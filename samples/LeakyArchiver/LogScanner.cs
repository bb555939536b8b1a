using System.Collections.Generic;
using System.IO;

namespace LeakyArchiver;

public sealed record LogFile(string Path, string FirstLine);

/// <summary>Finds the log files to archive and reads what the report needs from them.</summary>
public sealed class LogScanner
{
    public IEnumerable<LogFile> FindLogs(string folder)
    {
        foreach (var path in Directory.EnumerateFiles(folder, "*.log"))
        {
            yield return new LogFile(path, ReadFirstLine(path));
        }
    }

    // Correct: the StreamReader takes ownership of the FileStream and releases it with itself.
    private static string ReadFirstLine(string path)
    {
        using var reader = new StreamReader(File.OpenRead(path));
        return reader.ReadLine() ?? string.Empty;
    }

    public long TotalBytes(string folder)
    {
        long total = 0;
        foreach (var path in Directory.EnumerateFiles(folder, "*.log"))
        {
            // Leak (OWN102): opening the file just to read its length; the stream is never closed.
            // new FileInfo(path).Length needs no handle at all.
            total += File.OpenRead(path).Length;
        }

        return total;
    }

    // Correct: the caller owns the returned stream.
    public static Stream OpenLog(string path) => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
}
