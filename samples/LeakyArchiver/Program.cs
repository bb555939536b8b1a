using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;

namespace LeakyArchiver;

/// <summary>
/// Compresses yesterday's log files, uploads them and writes a report.
/// Usage: LeakyArchiver &lt;log-folder&gt; [upload-url]
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: LeakyArchiver <log-folder> [upload-url]");
            return 2;
        }

        var folder = args[0];
        var uploadUrl = args.Length > 1 ? new Uri(args[1]) : null;

        // Correct: one client for the whole run, disposed at the end of Main.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var report = new ReportWriter(Path.Combine(folder, "archive-report.txt"));
        using var watcher = new ArchiveWatcher(folder);

        var scanner = new LogScanner();
        var compressor = new GzipCompressor();
        var uploader = uploadUrl is null ? null : new ArchiveUploader(http, uploadUrl);

        foreach (var log in scanner.FindLogs(folder))
        {
            if (!compressor.LooksLikeText(log.Path))
            {
                report.Skipped(log.Path, "empty or binary");
                continue;
            }

            var archive = compressor.Compress(log.Path);
            report.Archived(log.Path, archive, log.FirstLine);

            if (uploader is not null)
            {
                await uploader.UploadAsync(archive);
            }
        }

        if (uploader is not null)
        {
            Console.WriteLine($"Server says: {await uploader.ServerStatusAsync()}");
        }

        report.WriteSummary(scanner.TotalBytes(folder));
        return 0;
    }
}
