using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;

namespace LeakyArchiver;

/// <summary>Sends archives to the collection server.</summary>
public sealed class ArchiveUploader
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    // Correct: the client is borrowed from Program, which disposes it; this class must not.
    public ArchiveUploader(HttpClient http, Uri endpoint)
    {
        _http = http;
        _endpoint = endpoint;
    }

    public async Task UploadAsync(string archivePath)
    {
        // Correct: StreamContent owns the file stream, and the using releases content and response.
        using var content = new StreamContent(File.OpenRead(archivePath));
        using var response = await _http.PostAsync(new Uri(_endpoint, Path.GetFileName(archivePath)), content);
        response.EnsureSuccessStatusCode();
    }

    public async Task<string> ServerStatusAsync()
    {
        // Leak (OWN102): a throwaway HttpClient per call, never disposed (and its sockets linger).
        return await new HttpClient().GetStringAsync(new Uri(_endpoint, "status"));
    }
}
