using System.Collections.Generic;
using System.Collections.Immutable;

namespace Ownership.Analyzers.Knowledge;

/// <summary>
/// The curated table of BCL and common-library ownership facts (DESIGN §1, knowledge source 3).
/// Every entry is documented behaviour or read in the library's source; the reason says which.
/// Types absent from a compilation are skipped when the table is resolved.
/// </summary>
internal static class BclOwnershipTable
{
    private static ImmutableHashSet<string> Names(params string[] names) => ImmutableHashSet.Create(names);

    public static IEnumerable<TypeFacts> Entries()
    {
        // ---- Disposables whose Dispose releases nothing that matters (not tracked by default) ----
        yield return new("System.Threading.Tasks.Task", "Dispose is optional and throws on an incomplete task") { NoDisposalNeeded = true };
        yield return new("System.Threading.Tasks.Task`1", "Dispose is optional and throws on an incomplete task") { NoDisposalNeeded = true };
        yield return new("System.IO.MemoryStream", "Dispose only clears flags; the buffer stays usable (derived pooling streams excepted)") { NoDisposalNeeded = true, ExactTypeOnly = true };
        yield return new("System.IO.UnmanagedMemoryStream", "Dispose does not free the memory; the allocator owns it") { NoDisposalNeeded = true, ExactTypeOnly = true };
        yield return new("System.IO.StringReader", "Dispose only drops the string") { NoDisposalNeeded = true };
        yield return new("System.IO.StringWriter", "Dispose only marks it closed; the StringBuilder stays usable") { NoDisposalNeeded = true };
        yield return new("System.Data.DataTable", "MarshalByValueComponent.Dispose: site removal only") { NoDisposalNeeded = true };
        yield return new("System.Data.DataSet", "MarshalByValueComponent.Dispose: site removal only") { NoDisposalNeeded = true };
        yield return new("System.Data.DataColumn", "MarshalByValueComponent.Dispose: site removal only") { NoDisposalNeeded = true };
        yield return new("System.Data.DataView", "the table holds the view only weakly") { NoDisposalNeeded = true };
        yield return new("System.Threading.SemaphoreSlim", "only the lazily created AvailableWaitHandle is released") { NoDisposalNeeded = true };
        yield return new("System.Threading.ManualResetEventSlim", "only the lazily created WaitHandle is released") { NoDisposalNeeded = true };
        yield return new("System.Threading.CountdownEvent", "Dispose only disposes its ManualResetEventSlim, whose kernel event exists only once WaitHandle is read") { NoDisposalNeeded = true };
        yield return new("System.Collections.Concurrent.BlockingCollection`1", "Dispose(bool) only disposes its two SemaphoreSlims, whose wait handles only the static TakeFromAny/AddToAny create") { NoDisposalNeeded = true };
        yield return new("System.Threading.CancellationTokenSource", "without a timer or links Dispose only drops the callback list; CreateLinkedTokenSource must be disposed")
        {
            NoDisposalNeededWhenConstructedWithoutArguments = true,
            CreatingMembers = Names("CreateLinkedTokenSource"),
        };
        yield return new("System.Security.Cryptography.RandomNumberGenerator", "the implementation holds no handle and has no Dispose override") { NoDisposalNeeded = true, ExactTypeOnly = true };
        yield return new("Microsoft.Data.SqlClient.SqlCommand", "Dispose drops cached metadata only; the connection is untouched") { NoDisposalNeeded = true };
        yield return new("System.Data.SqlClient.SqlCommand", "Dispose drops cached metadata only; the connection is untouched") { NoDisposalNeeded = true };

        // ---- What a base type's own Dispose(bool) releases (OWN206: an override must call it) ----
        yield return new("System.IO.FileStream", "FileStream.Dispose(bool) disposes its SafeFileHandle") { DisposeReleases = "its file handle" };
        yield return new("System.Net.Http.DelegatingHandler", "Dispose(true) disposes InnerHandler") { DisposeReleases = "its inner handler" };
        yield return new("System.Net.Http.HttpRequestMessage", "Dispose only disposes Content: in-memory content releases nothing, and a stream given to StreamContent is its creator's (a request is a message, not a connection)") { DisposeReleases = "its content", NoDisposalNeeded = true };
        yield return new("System.Net.Http.ByteArrayContent", "in-memory content: Dispose releases nothing (StringContent, FormUrlEncodedContent derive from it)") { NoDisposalNeeded = true };
        yield return new("System.Net.Http.ReadOnlyMemoryContent", "in-memory content: Dispose releases nothing") { NoDisposalNeeded = true };
        yield return new("System.Threading.WaitHandle", "WaitHandle.Dispose(bool) releases its SafeWaitHandle (an OS handle)") { DisposeReleases = "its OS wait handle" };
        yield return new("System.Runtime.InteropServices.SafeHandle", "Dispose(bool) runs ReleaseHandle when it owns the handle") { DisposeReleases = "the handle it owns" };
        // `new SafeFileHandle(ptr, ownsHandle: false)` borrows the OS handle: ReleaseHandle never runs.
        yield return new("Microsoft.Win32.SafeHandles.SafeFileHandle", "with ownsHandle: false ReleaseHandle never runs (finalization is suppressed): it borrows the OS handle") { DisposeReleases = "the file handle it owns", Constructors = ConstructorOwnership.WhenFlag("ownsHandle", defaultValue: true), NoDisposalNeededWhenNotOwning = true };
        yield return new("Microsoft.Win32.SafeHandles.SafeWaitHandle", "with ownsHandle: false ReleaseHandle never runs (finalization is suppressed): it borrows the OS handle") { DisposeReleases = "the wait handle it owns", Constructors = ConstructorOwnership.WhenFlag("ownsHandle", defaultValue: true), NoDisposalNeededWhenNotOwning = true };
        yield return new("System.Timers.Timer", "Dispose(bool) disposes the internal threading timer") { DisposeReleases = "its internal timer" };

        // ---- Abstract bases whose own Dispose(bool) releases nothing (OWN206: no base call needed) ----
        yield return new("System.Buffers.MemoryManager`1", "its Dispose(bool) is abstract: IDisposable.Dispose only calls it and GC.SuppressFinalize; Memory returns a Memory<T> backed by the manager itself") { BaseDisposeIsEmpty = true, AliasingMembers = Names("Memory") };
        yield return new("System.IO.Stream", "Stream.Dispose(bool) is empty; Close() and Dispose() only call it; DisposeAsync() only calls Dispose()") { BaseDisposeIsEmpty = true, DisposeAsyncOnlyCallsDispose = true };
        yield return new("System.Data.Common.DbDataReader", "Dispose(bool) only calls the virtual Close(); it owns nothing itself; DisposeAsync() only calls Dispose()") { BaseDisposeIsEmpty = true, DisposeAsyncOnlyCallsDispose = true };
        yield return new("System.Data.Common.DbConnection", "DisposeAsync() only calls Dispose(); its Dispose(bool) is Component's") { DisposeAsyncOnlyCallsDispose = true, BaseDisposeIsEmpty = true };
        yield return new("System.ComponentModel.Component", "Dispose(bool) only removes the component from its site's container and raises Disposed") { BaseDisposeIsEmpty = true };
        yield return new("System.ComponentModel.MarshalByValueComponent", "Dispose(bool) only removes the component from its site's container and raises Disposed") { BaseDisposeIsEmpty = true };
        yield return new("System.Data.Common.DbTransaction", "DisposeAsync() only calls Dispose(); Dispose(bool) is an empty virtual") { DisposeAsyncOnlyCallsDispose = true, BaseDisposeIsEmpty = true };
        yield return new("System.Data.Common.DbBatch", "DisposeAsync() only calls Dispose(); Dispose() is an empty virtual") { DisposeAsyncOnlyCallsDispose = true, BaseDisposeIsEmpty = true };

        // ---- Factories: the caller owns the result ----
        yield return new("System.IO.File", "each returns a new FileStream / StreamReader / StreamWriter / SafeFileHandle")
        {
            CreatingMembers = Names("Open", "OpenRead", "OpenWrite", "Create", "OpenText", "CreateText", "AppendText", "OpenHandle"),
        };
        yield return new("System.IO.FileInfo", "same as the File equivalents")
        {
            CreatingMembers = Names("Open", "OpenRead", "OpenWrite", "Create", "OpenText", "CreateText", "AppendText"),
        };
        yield return new("System.IO.Compression.ZipFile", "returns a ZipArchive that owns a new FileStream") { CreatingMembers = Names("Open", "OpenRead") };
        yield return new("System.IO.Compression.ZipArchiveEntry", "Open returns a stream the archive does not track (read mode)") { CreatingMembers = Names("Open") };
        yield return new("System.IO.Compression.ZipArchive", "owns its stream unless leaveOpen") { DisposeReleases = "the central directory it writes and the stream (unless leaveOpen)",  Constructors = ConstructorOwnership.UnlessLeaveOpen() };
        yield return new("System.Diagnostics.Process", "Start/GetCurrentProcess/GetProcessById return a new component the caller owns; the redirected streams are treated as borrowed (the Process closes them unless read: precision first)")
        {
            CreatingMembers = Names("Start", "GetCurrentProcess", "GetProcessById"),
            BorrowedMembers = Names("StandardOutput", "StandardError", "StandardInput"),
            DisposeReleases = "the process handle",

            // GetCurrentProcess/GetProcessById construct the component over an id only (no handle); a
            // handle is kept only by SafeHandle/Handle, exit watching (Exited, EnableRaisingEvents,
            // WaitForExit, HasExited's wait state on Unix) and Start. The members below read the
            // process snapshot or open a short-term handle that they close themselves (Process.cs,
            // Process.Windows.cs GetProcessTimes/PriorityClassCore, Process.Linux.cs).
            UnopenedCreatingMembers = Names("GetCurrentProcess", "GetProcessById"),
            UsesThatOpenNothing = Names(
                "Id", "ProcessName", "MachineName", "SessionId", "BasePriority", "HandleCount", "MainModule", "Modules", "Threads",
                "MainWindowHandle", "MainWindowTitle", "StartTime", "TotalProcessorTime", "UserProcessorTime", "PrivilegedProcessorTime",
                "WorkingSet64", "PeakWorkingSet64", "PrivateMemorySize64", "VirtualMemorySize64", "PeakVirtualMemorySize64",
                "PagedMemorySize64", "PeakPagedMemorySize64", "PagedSystemMemorySize64", "NonpagedSystemMemorySize64",
                "PriorityClass", "Refresh", "ToString"),
        };
        yield return new("System.Security.Cryptography.HashAlgorithm", "owns a native hash context") { CreatingMembers = Names("Create") };
        yield return new("System.Security.Cryptography.SHA1", "Create returns an algorithm owning a native context") { CreatingMembers = Names("Create") };
        yield return new("System.Security.Cryptography.SHA256", "Create returns an algorithm owning a native context") { CreatingMembers = Names("Create") };
        yield return new("System.Security.Cryptography.SHA384", "Create returns an algorithm owning a native context") { CreatingMembers = Names("Create") };
        yield return new("System.Security.Cryptography.SHA512", "Create returns an algorithm owning a native context") { CreatingMembers = Names("Create") };
        yield return new("System.Security.Cryptography.MD5", "Create returns an algorithm owning a native context") { CreatingMembers = Names("Create") };
        yield return new("System.Security.Cryptography.IncrementalHash", "owns a native hash context") { CreatingMembers = Names("CreateHash", "CreateHMAC") };
        yield return new("System.Security.Cryptography.SymmetricAlgorithm", "Create returns a new algorithm; CreateEncryptor/CreateDecryptor a new native transform that CryptoStream never disposes")
        {
            CreatingMembers = Names("Create", "CreateEncryptor", "CreateDecryptor"),
        };
        yield return new("System.Security.Cryptography.Aes", "Create returns a new algorithm") { CreatingMembers = Names("Create") };
        yield return new("System.Security.Cryptography.AsymmetricAlgorithm", "Create returns a new key object") { CreatingMembers = Names("Create") };
        yield return new("System.Security.Cryptography.RSA", "Create returns a new key object") { CreatingMembers = Names("Create") };
        yield return new("System.Security.Cryptography.ECDsa", "Create returns a new key object") { CreatingMembers = Names("Create") };
        yield return new("System.Security.Cryptography.X509Certificates.RSACertificateExtensions", "a new key object on each call") { CreatingMembers = Names("GetRSAPrivateKey", "GetRSAPublicKey") };
        yield return new("System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions", "a new key object on each call") { CreatingMembers = Names("GetECDsaPrivateKey", "GetECDsaPublicKey") };
        yield return new("System.Security.Cryptography.CryptoStream", "owns the stream unless leaveOpen; never disposes the transform")
        {
            Constructors = ConstructorOwnership.UnlessLeaveOpen("leaveOpen", "transform"),
            DisposeReleases = "the final block it writes and the stream it wraps (unless leaveOpen)",
        };
        yield return new("System.Net.Http.HttpMessageInvoker", "Send/SendAsync return a response the caller owns; owns the handler unless disposeHandler is false")
        {
            CreatingMembers = Names("Send", "SendAsync"),
            Constructors = ConstructorOwnership.WhenFlag("disposeHandler", defaultValue: true),
            DisposeReleases = "its handler (when disposeHandler)",
        };
        yield return new("System.Net.Http.HttpClient", "the verbs return a response (or its stream) the caller owns; owns the handler unless disposeHandler is false")
        {
            CreatingMembers = Names("Send", "SendAsync", "GetAsync", "PostAsync", "PutAsync", "PatchAsync", "DeleteAsync", "GetStreamAsync"),
            Constructors = ConstructorOwnership.WhenFlag("disposeHandler", defaultValue: true),
        };
        yield return new("System.Net.Http.HttpContent", "ReadAsStream returns the content's cached stream, released with the content") { BorrowedMembers = Names("ReadAsStream", "ReadAsStreamAsync") };
        yield return new("System.Net.Http.HttpResponseMessage", "the response owns its content") { BorrowedMembers = Names("Content"), DisposeReleases = "its content" };
        yield return new("System.Net.Http.StreamContent", "disposes the stream it was given") { DisposeReleases = "the stream it was given",  Constructors = ConstructorOwnership.Always };
        yield return new("System.Net.Http.IHttpClientFactory", "the factory tracks the handler; disposing the client is optional") { BorrowedMembers = Names("CreateClient") };
        yield return new("System.Net.Http.HttpClientFactoryExtensions", "the factory tracks the handler; disposing the client is optional") { BorrowedMembers = Names("CreateClient") };
        yield return new("System.Net.WebRequest", "GetResponse returns a response that must be closed") { CreatingMembers = Names("GetResponse", "GetResponseAsync") };
        yield return new("System.Data.Common.DbCommand", "ExecuteReader returns a reader the caller owns; the command borrows its connection; DisposeAsync() only calls Dispose(); its Dispose(bool) is Component's")
        {
            DisposeAsyncOnlyCallsDispose = true,
            BaseDisposeIsEmpty = true,
            CreatingMembers = Names("ExecuteReader", "ExecuteReaderAsync"),
            BorrowedMembers = Names("Connection"),
        };
        yield return new("System.Data.IDbCommand", "ExecuteReader returns a reader the caller owns") { CreatingMembers = Names("ExecuteReader") };
        yield return new("System.Net.Sockets.TcpListener", "Accept* return a new connection the caller owns; Dispose() only calls Stop(), which closes the listening socket")
        {
            CreatingMembers = Names("AcceptTcpClient", "AcceptTcpClientAsync", "AcceptSocket", "AcceptSocketAsync"),
            ReleasingMembers = Names("Stop"),
        };
        yield return new("System.Net.Sockets.Socket", "Accept returns a new socket the caller owns") { CreatingMembers = Names("Accept", "AcceptAsync") };
        yield return new("System.Net.Sockets.TcpClient", "GetStream returns the client's cached stream, disposed with the client; the stream owns the client's socket (NetworkStream(Client, ownsSocket: true)), so releasing or handing on the stream releases or hands on the connection") { BorrowedMembers = Names("GetStream"), AliasingMembers = Names("GetStream") };
        yield return new("System.Net.Sockets.NetworkStream", "does not own the socket unless ownsSocket is true") { DisposeReleases = "the socket (when ownsSocket)",  Constructors = ConstructorOwnership.WhenFlag("ownsSocket", defaultValue: false) };
        yield return new("Microsoft.Win32.RegistryKey", "OpenSubKey/CreateSubKey return a new key the caller owns") { CreatingMembers = Names("OpenSubKey", "CreateSubKey", "OpenBaseKey", "OpenRemoteBaseKey") };
        yield return new("System.Drawing.Image", "the caller owns the image") { CreatingMembers = Names("FromFile", "FromStream") };
        yield return new("System.ArgumentNullException", "ThrowIfNull only tests its argument") { NonOwningMethods = Names("ThrowIfNull") };
        yield return new("System.ObjectDisposedException", "ThrowIf only names the instance in the exception") { NonOwningMethods = Names("ThrowIf") };
        yield return new("System.GC", "KeepAlive and SuppressFinalize neither keep nor release the object") { NonOwningMethods = Names("KeepAlive", "SuppressFinalize", "ReRegisterForFinalize") };
        yield return new("System.Console", "OpenStandard* return a new stream (a dup'ed descriptor on Unix)") { CreatingMembers = Names("OpenStandardInput", "OpenStandardOutput", "OpenStandardError") };
        yield return new("System.Text.Json.JsonDocument", "the document holds pooled memory until disposed") { CreatingMembers = Names("Parse", "ParseAsync", "ParseValue") };
        yield return new("System.Text.Json.Utf8JsonWriter", "never disposes the stream it writes to") { Constructors = ConstructorOwnership.Never };
        yield return new("System.Buffers.MemoryPool`1", "Rent returns an IMemoryOwner that returns the array when disposed") { CreatingMembers = Names("Rent") };
        yield return new("System.Xml.XmlReader", "Create returns a reader the caller owns; it closes its input only when it opened it (a path) or CloseInput is set; over a stream or reader it keeps, its Dispose releases nothing")
        {
            CreatingMembers = Names("Create"),
            HarmlessWhenArgumentsKept = Names("Create"),
            NonOwningMethods = Names("Create"),
            OwnershipDecidedByParameter = "settings",
        };
        yield return new("System.Xml.XmlWriter", "Create returns a writer the caller owns (Dispose flushes); it closes its output only when it opened it or CloseOutput is set")
        {
            CreatingMembers = Names("Create"),
            NonOwningMethods = Names("Create"),
            OwnershipDecidedByParameter = "settings",
        };
        yield return new("Microsoft.Extensions.DependencyInjection.IServiceScopeFactory", "the caller owns the scope") { CreatingMembers = Names("CreateScope", "CreateAsyncScope") };
        yield return new("Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions", "the caller owns the scope; resolved services are owned by the container")
        {
            CreatingMembers = Names("CreateScope", "CreateAsyncScope"),
            BorrowedMembers = Names("GetService", "GetRequiredService", "GetServices", "GetKeyedService", "GetRequiredKeyedService"),
        };
        yield return new("System.IServiceProvider", "services resolved from a container are owned by the container, not the caller") { BorrowedMembers = Names("GetService") };
        yield return new("Microsoft.Extensions.DependencyInjection.ActivatorUtilities", "creates the instance outside the container") { CreatingMembers = Names("CreateInstance") };
        yield return new("Microsoft.Extensions.Logging.LoggerFactory", "Create returns a factory owning a ServiceProvider; AddProvider hands the provider to the factory, which disposes it with itself (providers given to the constructor are not)")
        {
            CreatingMembers = Names("Create"),
            OwningMethods = Names("AddProvider"),
        };
        yield return new("Microsoft.Extensions.Logging.ILoggerFactory", "AddProvider hands the provider to the factory, which disposes it with itself") { OwningMethods = Names("AddProvider") };
        yield return new("Microsoft.AspNetCore.Http.HttpResponse", "RegisterForDispose(Async) hands the object to the host, which disposes it when the request has finished") { OwningMethods = Names("RegisterForDispose", "RegisterForDisposeAsync") };
        yield return new("Microsoft.EntityFrameworkCore.IDbContextFactory`1", "CreateDbContext returns a context the container does not track: the caller disposes it") { CreatingMembers = Names("CreateDbContext", "CreateDbContextAsync") };
        yield return new("System.Diagnostics.ActivitySource", "StartActivity returns a started Activity (or null) the caller owns: disposing it stops it and restores Activity.Current") { CreatingMembers = Names("StartActivity") };
        yield return new("System.Diagnostics.Activity", "Dispose() stops the activity when it is not stopped yet: Stop() ends it as Dispose() does") { ReleasingMembers = Names("Stop") };
        yield return new("Microsoft.Extensions.Logging.ILogger", "BeginScope returns a scope that ends when disposed") { CreatingMembers = Names("BeginScope") };

        // ---- Wrappers: constructors that take (or do not take) their argument ----
        yield return new("System.IO.StreamReader", "closes the stream unless leaveOpen; with leaveOpen it releases nothing") { DisposeReleases = "the stream it reads (unless leaveOpen)",  Constructors = ConstructorOwnership.UnlessLeaveOpen(), NoDisposalNeededWhenNotOwning = true, ManagedWrapper = true };
        yield return new("System.IO.StreamWriter", "closes the stream unless leaveOpen (with leaveOpen it still flushes); over a borrowed stream its only resource is that stream") { DisposeReleases = "the stream it writes to (unless leaveOpen), after flushing",  Constructors = ConstructorOwnership.UnlessLeaveOpen(), ManagedWrapper = true };
        yield return new("System.IO.BinaryReader", "closes the stream unless leaveOpen; with leaveOpen it releases nothing") { DisposeReleases = "the stream it reads (unless leaveOpen)",  Constructors = ConstructorOwnership.UnlessLeaveOpen(), NoDisposalNeededWhenNotOwning = true, ManagedWrapper = true };
        yield return new("System.IO.BinaryWriter", "closes the stream unless leaveOpen; over a borrowed stream its only resource is that stream") { DisposeReleases = "the stream it writes to (unless leaveOpen), after flushing",  Constructors = ConstructorOwnership.UnlessLeaveOpen(), ManagedWrapper = true };
        yield return new("System.IO.BufferedStream", "always disposes the inner stream") { DisposeReleases = "the stream it buffers",  Constructors = ConstructorOwnership.Always };
        yield return new("System.IO.Compression.DeflateStream", "owns the stream unless leaveOpen") { DisposeReleases = "its native zlib state and the stream it wraps (unless leaveOpen)",  Constructors = ConstructorOwnership.UnlessLeaveOpen() };
        yield return new("System.IO.Compression.GZipStream", "owns the stream unless leaveOpen") { DisposeReleases = "its native zlib state and the stream it wraps (unless leaveOpen)",  Constructors = ConstructorOwnership.UnlessLeaveOpen() };
        yield return new("System.IO.Compression.ZLibStream", "owns the stream unless leaveOpen") { DisposeReleases = "its native zlib state and the stream it wraps (unless leaveOpen)",  Constructors = ConstructorOwnership.UnlessLeaveOpen() };
        yield return new("System.IO.Compression.BrotliStream", "owns the stream unless leaveOpen") { DisposeReleases = "its native Brotli state and the stream it wraps (unless leaveOpen)",  Constructors = ConstructorOwnership.UnlessLeaveOpen() };
        yield return new("System.Net.Security.AuthenticatedStream", "owns the inner stream unless leaveInnerStreamOpen") { DisposeReleases = "the inner stream (unless leaveInnerStreamOpen)",  Constructors = ConstructorOwnership.UnlessLeaveOpen("leaveInnerStreamOpen") };
        yield return new("System.Net.Security.SslStream", "owns the inner stream unless leaveInnerStreamOpen") { DisposeReleases = "the inner stream (unless leaveInnerStreamOpen)",  Constructors = ConstructorOwnership.UnlessLeaveOpen("leaveInnerStreamOpen") };
        yield return new("System.Net.Security.NegotiateStream", "owns the inner stream unless leaveInnerStreamOpen") { DisposeReleases = "the inner stream (unless leaveInnerStreamOpen)",  Constructors = ConstructorOwnership.UnlessLeaveOpen("leaveInnerStreamOpen") };
        yield return new("System.Xml.XmlTextReader", "owns its input and closes it") { Constructors = ConstructorOwnership.Always };
        yield return new("System.Xml.XmlTextWriter", "Close disposes the wrapped writer") { Constructors = ConstructorOwnership.Always };
        yield return new("System.IO.TextReader", "Synchronized wraps and owns the reader; TextReader.Dispose(bool) itself is empty") { OwningMethods = Names("Synchronized"), BaseDisposeIsEmpty = true };
        yield return new("System.IO.TextWriter", "Synchronized wraps and owns the writer; TextWriter.Dispose(bool) itself is empty") { OwningMethods = Names("Synchronized"), BaseDisposeIsEmpty = true };
        yield return new("System.IO.Pipelines.PipeReader", "Complete disposes the stream unless LeaveOpen") { OwningMethods = Names("Create") };
        yield return new("System.IO.Pipelines.PipeWriter", "Complete disposes the stream unless LeaveOpen") { OwningMethods = Names("Create") };
        yield return new("System.Threading.Channels.ChannelWriter`1", "WriteAsync/TryWrite queue the item for the channel's reader, which owns it from then on") { OwningMethods = Names("WriteAsync", "TryWrite") };
        yield return new("System.Threading.Tasks.TaskCompletionSource`1", "SetResult/TrySetResult complete the task with the value: whoever awaits the task receives it and owns it from then on") { OwningMethods = Names("SetResult", "TrySetResult") };
        yield return new("System.Threading.Interlocked", "Exchange/CompareExchange store the value in the referenced location, which owns it from then on") { OwningMethods = Names("Exchange", "CompareExchange") };
        yield return new("System.Threading.Volatile", "Write stores the value in the referenced location") { OwningMethods = Names("Write") };
        yield return new("System.Reactive.Subjects.Subject`1", "Dispose only drops the observer list and marks the subject disposed (memory only); OnCompleted already detaches the observers") { NoDisposalNeeded = true, ExactTypeOnly = true };
        yield return new("System.Net.Security.SslStreamCertificateContext", "Create keeps the certificate and its chain for the context's lifetime") { OwningMethods = Names("Create") };
        yield return new("Newtonsoft.Json.JsonTextWriter", "Close closes the TextWriter it writes to when CloseOutput (true by default); its only other state is a scratch buffer from the optional ArrayPool") { DisposeReleases = "the TextWriter it writes to (when CloseOutput)", Constructors = ConstructorOwnership.Always, ManagedWrapper = true };
        yield return new("Newtonsoft.Json.JsonTextReader", "Close closes the TextReader it reads when CloseInput (true by default); its only other state is a buffer from the optional ArrayPool") { DisposeReleases = "the TextReader it reads (when CloseInput)", Constructors = ConstructorOwnership.Always, ManagedWrapper = true };
        yield return new("Utf8StringInterpolation.Utf8StringWriter`1", "Dispose only flushes what was written into the buffer writer it was given (the same as Flush) and clears its fields: it holds nothing") { NoDisposalNeeded = true };
        yield return new("System.Reactive.Disposables.CompositeDisposable", "disposes every item it holds") { OwningMethods = Names("Add"), Constructors = ConstructorOwnership.Always };

        foreach (var entry in HandleEntries())
        {
            yield return entry;
        }
    }

    /// <summary>
    /// Resources that are not disposable objects (OWN5xx): what makes them, what releases them,
    /// and which calls only copy them. The release of each must match how it was made.
    /// </summary>
    private static IEnumerable<TypeFacts> HandleEntries()
    {
        var hGlobal = new HandleFactory(ResourceKind.UnmanagedMemory, MemoryAllocator.HGlobal, "FreeHGlobal");
        var coTaskMem = new HandleFactory(ResourceKind.UnmanagedMemory, MemoryAllocator.CoTaskMem, "FreeCoTaskMem");
        var freeHGlobal = new HandleRelease(ResourceKind.UnmanagedMemory, MemoryAllocator.HGlobal, "hglobal");
        var zeroFreeHGlobal = new HandleRelease(ResourceKind.UnmanagedMemory, MemoryAllocator.HGlobal, "s");
        var zeroFreeCoTaskMem = new HandleRelease(ResourceKind.UnmanagedMemory, MemoryAllocator.CoTaskMem, "s");
        yield return new("System.Runtime.InteropServices.Marshal", "AllocHGlobal/StringToHGlobal* memory is freed by FreeHGlobal, AllocCoTaskMem/StringToCoTaskMem* memory by FreeCoTaskMem (docs: 'Marshal.FreeHGlobal'); ReAlloc* frees its argument and returns new memory of the same allocator")
        {
            HandleFactories = ImmutableDictionary.CreateRange(new Dictionary<string, HandleFactory>
            {
                ["AllocHGlobal"] = hGlobal,
                ["ReAllocHGlobal"] = hGlobal,
                ["StringToHGlobalAnsi"] = hGlobal,
                ["StringToHGlobalUni"] = hGlobal,
                ["StringToHGlobalAuto"] = hGlobal,
                ["SecureStringToGlobalAllocAnsi"] = hGlobal with { ReleaseMethod = "ZeroFreeGlobalAllocAnsi" },
                ["SecureStringToGlobalAllocUnicode"] = hGlobal with { ReleaseMethod = "ZeroFreeGlobalAllocUnicode" },
                ["AllocCoTaskMem"] = coTaskMem,
                ["ReAllocCoTaskMem"] = coTaskMem,
                ["StringToCoTaskMemAnsi"] = coTaskMem,
                ["StringToCoTaskMemUni"] = coTaskMem,
                ["StringToCoTaskMemAuto"] = coTaskMem,
                ["StringToCoTaskMemUTF8"] = coTaskMem,
            }),
            HandleReleases = ImmutableDictionary.CreateRange(new Dictionary<string, HandleRelease>
            {
                ["FreeHGlobal"] = freeHGlobal,
                ["ReAllocHGlobal"] = freeHGlobal with { Parameter = "pv" },
                ["ZeroFreeGlobalAllocAnsi"] = zeroFreeHGlobal,
                ["ZeroFreeGlobalAllocUnicode"] = zeroFreeHGlobal,
                ["FreeCoTaskMem"] = new(ResourceKind.UnmanagedMemory, MemoryAllocator.CoTaskMem, "ptr"),
                ["ReAllocCoTaskMem"] = new(ResourceKind.UnmanagedMemory, MemoryAllocator.CoTaskMem, "pv"),
                ["ZeroFreeCoTaskMemAnsi"] = zeroFreeCoTaskMem,
                ["ZeroFreeCoTaskMemUnicode"] = zeroFreeCoTaskMem,
                ["ZeroFreeCoTaskMemUTF8"] = zeroFreeCoTaskMem,
            }),
        };

        var native = new HandleFactory(ResourceKind.UnmanagedMemory, MemoryAllocator.NativeMemory, "Free");
        var aligned = new HandleFactory(ResourceKind.UnmanagedMemory, MemoryAllocator.NativeMemoryAligned, "AlignedFree");
        var free = new HandleRelease(ResourceKind.UnmanagedMemory, MemoryAllocator.NativeMemory, "ptr");
        var alignedFree = new HandleRelease(ResourceKind.UnmanagedMemory, MemoryAllocator.NativeMemoryAligned, "ptr");
        yield return new("System.Runtime.InteropServices.NativeMemory", "Alloc/AllocZeroed/Realloc memory is freed by Free, AlignedAlloc/AlignedRealloc memory by AlignedFree, never the other (docs: 'NativeMemory.AlignedAlloc')")
        {
            HandleFactories = ImmutableDictionary.CreateRange(new Dictionary<string, HandleFactory>
            {
                ["Alloc"] = native,
                ["AllocZeroed"] = native,
                ["Realloc"] = native,
                ["AlignedAlloc"] = aligned,
                ["AlignedRealloc"] = aligned,
            }),
            HandleReleases = ImmutableDictionary.CreateRange(new Dictionary<string, HandleRelease>
            {
                ["Free"] = free,
                ["Realloc"] = free,
                ["AlignedFree"] = alignedFree,
                ["AlignedRealloc"] = alignedFree,
            }),
        };

        yield return new("System.Buffers.ArrayPool`1", "Rent hands out an array that must be given back with Return, to the same pool (docs: 'ArrayPool<T>.Rent')")
        {
            HandleFactories = ImmutableDictionary<string, HandleFactory>.Empty.Add("Rent", new(ResourceKind.PooledArray, MemoryAllocator.None, "Return")),
            HandleReleases = ImmutableDictionary<string, HandleRelease>.Empty.Add("Return", new(ResourceKind.PooledArray, MemoryAllocator.None, "array")),
        };

        yield return new("System.Runtime.InteropServices.GCHandle", "Alloc makes a handle that keeps its target alive (pinned: unmovable) until Free; ToIntPtr and the IntPtr conversion hand it to whoever frees it later through FromIntPtr")
        {
            HandleFactories = ImmutableDictionary<string, HandleFactory>.Empty.Add("Alloc", new(ResourceKind.GCHandle, MemoryAllocator.None, "Free", ReleasedOnValue: true)),
            HandleReleases = ImmutableDictionary<string, HandleRelease>.Empty.Add("Free", new(ResourceKind.GCHandle, MemoryAllocator.None, null)),
            OwningMethods = Names("ToIntPtr", "op_Explicit"),
            HoldsResourceMembers = Names("IsAllocated"),
        };
        yield return new("System.IntPtr", "IntPtr.Zero is no memory: freeing it is a no-op, so a test against it guards a conditional free") { NoResourceMembers = Names("Zero") };
        yield return new("System.UIntPtr", "UIntPtr.Zero is no memory") { NoResourceMembers = Names("Zero") };

        // Results that copy what they are built from: the copy holds no part of the rented array.
        var copies = Names("ToArray", "ToString", "ToList", "ToImmutableArray");
        yield return new("System.Span`1", "ToArray copies the elements") { CopyingMembers = copies };
        yield return new("System.ReadOnlySpan`1", "ToArray copies the elements") { CopyingMembers = copies };
        yield return new("System.Memory`1", "ToArray copies the elements") { CopyingMembers = copies };
        yield return new("System.ReadOnlyMemory`1", "ToArray copies the elements") { CopyingMembers = copies };
        yield return new("System.ArraySegment`1", "ToArray copies the elements") { CopyingMembers = copies };
        yield return new("System.Array", "Clone returns a new array") { CopyingMembers = Names("Clone") };
        yield return new("System.Linq.Enumerable", "ToArray/ToList/ToHashSet/ToDictionary build new collections") { CopyingMembers = Names("ToArray", "ToList", "ToHashSet", "ToDictionary", "ToLookup") };
    }
}
