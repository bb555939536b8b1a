using System;
using System.IO;
using System.Threading;

namespace LeakyArchiver;

/// <summary>Process-wide notifications: lives as long as the process.</summary>
public static class ArchiveEvents
{
    public static event EventHandler<string>? Archived;

    public static void Raise(string path) => Archived?.Invoke(null, path);
}

/// <summary>
/// Watches a folder for new logs while an archive run is in progress. Created per run and
/// disposed at its end — but the static event and the timer keep every watcher ever created alive.
/// </summary>
public sealed class ArchiveWatcher : IDisposable
{
    private readonly string _folder;
    private readonly Timer _poll;
    private int _seen;

    public ArchiveWatcher(string folder)
    {
        _folder = folder;

        // Leak (OWN401): a static event holds this watcher until it unsubscribes, and it never does.
        ArchiveEvents.Archived += OnArchived;

        // Leak (OWN405): the timer queue keeps calling Poll, and so keeps this watcher, forever.
        _poll = new Timer(Poll, null, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    public int Seen => _seen;

    private void OnArchived(object? sender, string path) => _seen++;

    private void Poll(object? state) => _seen = Directory.GetFiles(_folder, "*.log").Length;

    public void Dispose()
    {
    }

    /// <summary>Reads the header of the newest log.</summary>
    public static string NewestHeader(string path)
    {
        var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? "";
        reader.Dispose();

        // Bug (OWN301): the reader is already disposed; this throws ObjectDisposedException.
        return header + reader.ReadLine();
    }
}

/// <summary>One archive run, stopped with the application.</summary>
public sealed class ArchiveRun
{
    private bool _stopped;

    public ArchiveRun(CancellationToken stopping)
    {
        // Leak (OWN404): the application's token outlives every run, and its registration keeps
        // this callback, and so the run, until the application stops.
        stopping.Register(() => _stopped = true);
    }

    public bool Stopped => _stopped;
}

/// <summary>Correct: unsubscribes and stops its timer when disposed.</summary>
public sealed class TidyWatcher : IDisposable
{
    private readonly Timer _poll;
    private int _seen;

    public TidyWatcher()
    {
        ArchiveEvents.Archived += OnArchived;
        _poll = new Timer(Poll, null, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    public int Seen => _seen;

    private void OnArchived(object? sender, string path) => _seen++;

    private void Poll(object? state) => _seen++;

    public void Dispose()
    {
        ArchiveEvents.Archived -= OnArchived;
        _poll.Dispose();
    }
}
