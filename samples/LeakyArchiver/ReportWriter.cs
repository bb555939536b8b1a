using System;
using System.Collections.Generic;
using System.IO;

namespace LeakyArchiver;

/// <summary>
/// Logs every archived file as it goes, then writes a summary split into parts of
/// <see cref="LinesPerPart"/> lines.
/// </summary>
public sealed class ReportWriter : IDisposable
{
    private const int LinesPerPart = 1000;

    private readonly string _path;
    private StreamWriter _log;
    private readonly List<string> _archived = new();

    // Correct: the type owns the writer and releases it in Dispose.
    public ReportWriter(string path)
    {
        _path = path;
        _log = File.AppendText(path);
    }

    public void Archived(string log, string archive, string firstLine)
    {
        _archived.Add(archive);
        _log.WriteLine($"{DateTime.UtcNow:O} archived {log} -> {archive} ({firstLine})");
        if (_archived.Count % LinesPerPart == 0)
        {
            Rotate();
        }
    }

    public void Skipped(string log, string reason)
        => _log.WriteLine($"{DateTime.UtcNow:O} skipped {log}: {reason}");

    /// <summary>Starts a new log file (every <see cref="LinesPerPart"/> archived files).</summary>
    private void Rotate()
    {
        // Leak (OWN203): the previous writer is replaced without being disposed: its file stays
        // open and its buffered lines are lost.
        _log = File.AppendText($"{_path}.{_archived.Count / LinesPerPart}");
    }

    public void WriteSummary(long totalBytes)
    {
        var part = 0;
        var summary = File.CreateText(PartPath(part));
        summary.WriteLine($"total bytes: {totalBytes}");
        for (var i = 0; i < _archived.Count; i++)
        {
            if (i > 0 && i % LinesPerPart == 0)
            {
                // Leak (OWN104): the previous part is never closed, and its buffered lines are lost.
                summary = File.CreateText(PartPath(++part));
            }

            summary.WriteLine(_archived[i]);
        }

        summary.Dispose();
    }

    private string PartPath(int part) => $"{_path}.summary.{part}";

    public void Dispose() => _log.Dispose();
}
