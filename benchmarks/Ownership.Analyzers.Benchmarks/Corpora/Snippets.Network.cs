using System;
using System.Collections.Generic;
using System.Linq;

namespace Ownership.Analyzers.Benchmarks.Corpora;

/// <summary>Templates for sockets, HTTP, async disposal, cancellation, processes and factories.</summary>
internal static partial class Snippets
{
    private static readonly Snippet[] NetworkMembers =
    {
        new("http", """
        public async Task<string> $NAME$Async(Uri uri, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        ?-    using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        ?+    var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        """),
        new("await-using", """
        public async Task $NAME$Async(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
        ?-    await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None, $SIZE$, useAsync: true);
        ?+    using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None, $SIZE$, useAsync: true);
            await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        """),
        new("socket", """
        public int $NAME$(IPEndPoint endPoint, byte[] payload)
        {
            var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        ?-    try
        ?-    {
                socket.Connect(endPoint);
                var sent = socket.Send(payload);
                socket.Shutdown(SocketShutdown.Both);
        ?+    if (sent == 0)
        ?+    {
        ?+        return 0;
        ?+    }
        ?+
        ?+    socket.Close();
                return sent;
        ?-    }
        ?-    finally
        ?-    {
        ?-        socket.Close();
        ?-    }
        }
        """),
        new("socket-field", """
        public void $NAME$(EndPoint endPoint)
        {
            var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Connect(endPoint);
            lock (_gate)
            {
        ?-        _socket?.Dispose();
                _socket = socket;
            }
        }
        """),
        new("tcp-client", """
        public async Task<int> $NAME$Async(string host, int port, byte[] payload, CancellationToken cancellationToken)
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync(payload, cancellationToken).ConfigureAwait(false);
            var reply = new byte[$K$];
            return await stream.ReadAsync(reply, cancellationToken).ConfigureAwait(false);
        }
        """),
        new("linked-cancellation", """
        public async Task<bool> $NAME$Async(Func<CancellationToken, Task> work, TimeSpan timeout, CancellationToken cancellationToken)
        {
        ?-    using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cts.Token);
        ?+    var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cts.Token);
            linked.CancelAfter(timeout);
            try
            {
                await work(linked.Token).ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
        """),
        new("lambda", """
        public Task<int> $NAME$Async(string path)
        {
            return Task.Run(() =>
            {
        ?-        using var reader = new StreamReader(path);
        ?+        var reader = new StreamReader(path);
                return Count(reader);
            });

            static int Count(TextReader reader)
            {
                var n = 0;
                while (reader.Read() >= 0)
                {
                    n++;
                }

                return n;
            }
        }
        """),
        new("process", """
        public string $NAME$(string fileName, string arguments)
        {
        ?-    using var process = Process.Start(new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true, UseShellExecute = false });
        ?+    var process = Process.Start(new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true, UseShellExecute = false });
            if (process is null)
            {
                return string.Empty;
            }

            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit($K$ * 1000);
            return output;
        }
        """),
    };

    /// <summary>Static members of the factory class beside each service: returns are ownership transfers.</summary>
    private static readonly Snippet[] FactoryMembers =
    {
        new("factory-wrap", """
        public static StreamReader $NAME$(string path, Encoding encoding)
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, $SIZE$);
            try
            {
                return new StreamReader(stream, encoding);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }
        """),
        new("factory-retry", """
        public static Stream $NAME$(string path, int attempts)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                }
                catch (IOException) when (attempt < attempts)
                {
                    Thread.Sleep(attempt * $K$);
                }
            }
        }
        """),
        new("factory-untyped", """
        ?-public static Stream $NAME$(string path)
        ?+public static object $NAME$(string path)
        {
            var stream = File.OpenRead(path);
            if (stream.Length == 0)
            {
                stream.Dispose();
                throw new InvalidDataException(path + " is empty");
            }

            return stream;
        }
        """),
        new("factory-writer", """
        public static StreamWriter $NAME$(string directory, string name)
        {
            Directory.CreateDirectory(directory);
            var writer = File.CreateText(Path.Combine(directory, name + ".log"));
            writer.AutoFlush = true;
            return writer;
        }
        """),
        new("factory-consumer", """
        public static int $NAME$(string path)
        {
        ?-    using var reader = File.OpenText(path);
        ?+    var reader = File.OpenText(path);
            return reader.ReadToEnd().Split('\n').Length;
        }
        """),
    };

    /// <summary>Instance members of a service: the file and network templates.</summary>
    public static IReadOnlyList<Snippet> Instance { get; } = FileMembers.Concat(NetworkMembers).ToArray();

    public static IReadOnlyList<Snippet> Static { get; } = FactoryMembers;
}
