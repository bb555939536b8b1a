using System;
using System.IO;

namespace Ownership.Analyzers.Tool.Loading;

/// <summary>Progress on long work, written to standard error so that a report written to standard output stays clean.</summary>
internal sealed class ProgressLog
{
    private readonly TextWriter _writer;

    public ProgressLog(TextWriter writer, bool quiet)
    {
        _writer = writer;
        Quiet = quiet;
    }

    public bool Quiet { get; }

    public void Info(string message)
    {
        if (!Quiet)
        {
            _writer.WriteLine(message);
        }
    }

    /// <summary>Problems are written even when quiet: a project that did not load changes what the report means.</summary>
    public void Problem(string message) => _writer.WriteLine("warning: " + message);

    public static ProgressLog Console(bool quiet) => new(System.Console.Error, quiet);
}
