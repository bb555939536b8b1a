namespace Ownership.Analyzers.Benchmarks.Corpora;

/// <summary>
/// Member templates of the generated corpus: the everyday disposal patterns of file, stream and
/// pool code, each with the way it is typically got wrong. Instance members may use the fields
/// every generated service has (see <see cref="CorpusGenerator"/>).
/// </summary>
internal static partial class Snippets
{
    private static readonly Snippet[] FileMembers =
    {
        new("using-declaration", """
        public int $NAME$(string path)
        {
        ?-    using var stream = File.OpenRead(path);
        ?-    using var reader = new StreamReader(stream);
        ?+    var reader = new StreamReader(File.OpenRead(path));
            var count = 0;
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                if (line.Length > $K$ && !line.StartsWith("#", StringComparison.Ordinal))
                {
                    count++;
                }
            }

            return count;
        }
        """),
        new("using-statements", """
        public void $NAME$(string source, string target)
        {
            using (var input = File.OpenRead(source))
        ?-    using (var output = File.Create(target))
        ?-    using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        ?+    using (var gzip = new GZipStream(File.Create(target), CompressionLevel.Fastest, leaveOpen: true))
            {
                var buffer = new byte[$SIZE$];
                int read;
                while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                {
                    gzip.Write(buffer, 0, read);
                }
            }
        }
        """),
        new("try-finally", """
        public byte[] $NAME$(string path, int offset)
        {
        ?-    FileStream? stream = null;
        ?-    try
        ?-    {
        ?-        stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, $SIZE$);
        ?-        stream.Seek(offset, SeekOrigin.Begin);
        ?-        var buffer = new byte[$K$];
        ?-        var read = stream.Read(buffer, 0, buffer.Length);
        ?-        return buffer.AsSpan(0, read).ToArray();
        ?-    }
        ?-    finally
        ?-    {
        ?-        stream?.Dispose();
        ?-    }
        ?+    var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, $SIZE$);
        ?+    stream.Seek(offset, SeekOrigin.Begin);
        ?+    var buffer = new byte[$K$];
        ?+    var read = stream.Read(buffer, 0, buffer.Length);
        ?+    stream.Dispose();
        ?+    return buffer.AsSpan(0, read).ToArray();
        }
        """),
        new("early-return", """
        public string? $NAME$(string path, bool strict)
        {
            var reader = new StreamReader(path);
            var header = reader.ReadLine();
            if (header is null)
            {
        ?-        reader.Dispose();
                return null;
            }

            if (strict && header.Length > $K$)
            {
                reader.Dispose();
                throw new InvalidDataException("header too long: " + header.Length);
            }

            var body = reader.ReadToEnd();
            reader.Dispose();
            return header + Environment.NewLine + body;
        }
        """),
        new("loop", """
        public long $NAME$(IEnumerable<string> paths)
        {
            long total = 0;
            foreach (var path in paths)
            {
                if (!File.Exists(path))
                {
                    continue;
                }

        ?-        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
        ?+        var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
                total += stream.Length;
            }

            return total;
        }
        """),
        new("overwrite", """
        public void $NAME$(string first, string second, string text)
        {
            var writer = new StreamWriter(first);
            try
            {
                writer.WriteLine(text);
        ?-        writer.Dispose();
                writer = new StreamWriter(second, append: true);
                writer.WriteLine(text.Length);
            }
            finally
            {
                writer.Dispose();
            }
        }
        """),
        new("array-pool", """
        public int $NAME$(Stream source)
        {
            var buffer = ArrayPool<byte>.Shared.Rent($SIZE$);
        ?-    try
        ?-    {
                var total = 0;
                int read;
                while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
                {
                    total += read;
                }

        ?+    ArrayPool<byte>.Shared.Return(buffer);
                return total;
        ?-    }
        ?-    finally
        ?-    {
        ?-        ArrayPool<byte>.Shared.Return(buffer);
        ?-    }
        }
        """),
        new("switch", """
        public string $NAME$(int kind, string path)
        {
            switch (kind)
            {
                case 0:
                    using (var reader = File.OpenText(path))
                    {
                        return reader.ReadLine() ?? string.Empty;
                    }

                case 1:
                {
        ?-            using var sha = SHA256.Create();
        ?+            var sha = SHA256.Create();
                    using var stream = File.OpenRead(path);
                    return Convert.ToHexString(sha.ComputeHash(stream));
                }

                case 2:
                {
                    using var document = JsonDocument.Parse(File.ReadAllText(path));
                    return document.RootElement.ValueKind.ToString();
                }

                default:
                    return string.Empty;
            }
        }
        """),
        new("incremental-hash", """
        public byte[] $NAME$(IEnumerable<byte[]> chunks)
        {
        ?-    using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        ?+    var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var chunk in chunks)
            {
                hash.AppendData(chunk);
            }

            return hash.GetHashAndReset();
        }
        """),
        new("swap-field", """
        public void $NAME$(string path)
        {
            var next = new StreamWriter(path, append: true);
            StreamWriter? previous;
            lock (_gate)
            {
                previous = _writer;
                _writer = next;
            }

        ?-    previous?.Dispose();
        }
        """),
        new("discarded-timer", """
        public void $NAME$(int period)
        {
        ?-    var timer = new Timer(_ => Interlocked.Increment(ref _ticks), null, period, period);
        ?-    _timers.Add(timer);
        ?+    new Timer(_ => Interlocked.Increment(ref _ticks), null, period, period);
        }
        """),
        new("json", """
        public int $NAME$(string json, string property)
        {
        ?-    using var document = JsonDocument.Parse(json);
        ?+    var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.Number)
            {
                return -1;
            }

            return value.GetInt32() + $K$;
        }
        """),
        new("handler", """
        private void $NAME$(object? sender, string message)
        {
            if (_disposed || message.Length == 0)
            {
                return;
            }

            lock (_gate)
            {
                _writer?.WriteLine(message);
            }

            Changed?.Invoke(this, message);
        }
        """),
    };
}
