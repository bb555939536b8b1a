using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Ownership.Analyzers.Tool.Loading;

/// <summary>
/// <c>dotnet restore</c> before loading, as <c>dotnet format</c> does: MSBuild's evaluation reads the
/// restored assets, and a project loaded without them has no references and binds nothing.
/// </summary>
internal static class Restore
{
    public static async Task RunAsync(string path, System.Collections.Generic.IReadOnlyDictionary<string, string> properties, ProgressLog log, CancellationToken cancellationToken)
    {
        log.Info($"restoring {path}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("restore");
        start.ArgumentList.Add(path);
        start.ArgumentList.Add("-nologo");
        start.ArgumentList.Add("-v:q");
        foreach (var property in properties)
        {
            start.ArgumentList.Add($"-p:{property.Key}={property.Value}");
        }

        start.Environment["MSBUILDTERMINALLOGGER"] = "off";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ToolException("Could not start `dotnet restore`.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ToolException($"Could not start `dotnet restore` ({e.Message}): is the .NET SDK on PATH?");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                // Go on: the projects that restored still load; the failures are named when loading.
                log.Problem($"`dotnet restore` failed (exit {process.ExitCode}); projects that did not restore are analysed without their references.\n{(await output.ConfigureAwait(false)).Trim()}\n{(await errors.ConfigureAwait(false)).Trim()}".TrimEnd());
            }
        }
    }
}
