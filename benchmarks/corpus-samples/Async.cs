using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Samples;

public static class Async
{
    public static async Task AppendAsync(string path, byte[] data, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None, 4096, useAsync: true); // expect OWN105
        await stream.WriteAsync(data, cancellationToken);
    }

    // Correct: silent.
    public static async Task AppendCorrectlyAsync(string path, byte[] data, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None, 4096, useAsync: true);
        await stream.WriteAsync(data, cancellationToken);
    }
}
