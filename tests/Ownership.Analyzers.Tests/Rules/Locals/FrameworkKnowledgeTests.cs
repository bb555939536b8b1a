using Ownership.Analyzers.Rules.Locals;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules.Locals;

/// <summary>
/// Ownership facts of the application frameworks (issue 19), read from the knowledge table: what a
/// logging factory, the ASP.NET Core host, an EF Core context factory and an ActivitySource do
/// with what they are given or return. The framework types are metadata stubs with the real names.
/// </summary>
public class FrameworkKnowledgeTests
{
    private const string Usings = "using System; using System.IO; using System.Diagnostics; using System.Threading.Tasks;\n";

    private const string Frameworks = """
        namespace Microsoft.Extensions.Logging
        {
            public interface ILogger { }
            public interface ILoggerProvider : System.IDisposable { ILogger CreateLogger(string category); }
            public interface ILoggerFactory : System.IDisposable { void AddProvider(ILoggerProvider provider); ILogger CreateLogger(string category); }
            public class LoggerFactory : ILoggerFactory
            {
                public void AddProvider(ILoggerProvider provider) { }
                public ILogger CreateLogger(string category) => null!;
                public void Dispose() { }
            }
        }
        namespace Microsoft.AspNetCore.Http
        {
            public abstract class HttpResponse
            {
                public virtual void RegisterForDispose(System.IDisposable disposable) { }
                public virtual void RegisterForDisposeAsync(System.IAsyncDisposable disposable) { }
            }
        }
        namespace Microsoft.EntityFrameworkCore
        {
            public class DbContext : System.IDisposable { public int SaveChanges() => 0; public void Dispose() { } }
            public interface IDbContextFactory<TContext> where TContext : DbContext { TContext CreateDbContext(); }
        }
        """;

    [Fact]
    public Task A_provider_added_to_a_logger_factory_is_the_factory_s() => Verify<OWN101DisposeCreatedResourceAnalyzer>.DiagnosticsWithLibrary(Usings + """
        using Microsoft.Extensions.Logging;
        sealed class FileProvider : ILoggerProvider
        {
            private readonly StreamWriter _log = new StreamWriter("app.log");
            public ILogger CreateLogger(string category) => null!;
            public void Dispose() => _log.Dispose();
        }
        static class Setup
        {
            public static void Configure(ILoggerFactory factory)
            {
                var provider = new FileProvider();
                factory.AddProvider(provider);
            }

            public static ILogger Probe()
            {
                var provider = {|OWN101:new FileProvider()|};
                return provider.CreateLogger("probe");
            }
        }
        """, "Frameworks", Frameworks);

    [Fact]
    public Task An_object_registered_for_disposal_with_the_response_is_the_host_s() => Verify<OWN101DisposeCreatedResourceAnalyzer>.DiagnosticsWithLibrary(Usings + """
        using Microsoft.AspNetCore.Http;
        static class Download
        {
            public static Stream Open(HttpResponse response, string path)
            {
                var file = new FileStream(path, FileMode.Open);
                response.RegisterForDispose(file);
                return Stream.Null;
            }

            public static long Size(HttpResponse response, string path)
            {
                var file = {|OWN101:new FileStream(path, FileMode.Open)|};
                return file.Length;
            }
        }
        """, "Frameworks", Frameworks);

    [Fact]
    public Task A_context_from_a_context_factory_is_the_caller_s() => Verify<OWN101DisposeCreatedResourceAnalyzer>.DiagnosticsWithLibrary(Usings + """
        using Microsoft.EntityFrameworkCore;
        sealed class ShopContext : DbContext { }
        sealed class Orders
        {
            private readonly IDbContextFactory<ShopContext> _contexts;
            public Orders(IDbContextFactory<ShopContext> contexts) => _contexts = contexts;

            public int Save()
            {
                using var context = _contexts.CreateDbContext();
                return context.SaveChanges();
            }

            public int SaveAndForget()
            {
                var context = {|OWN101:_contexts.CreateDbContext()|};
                return context.SaveChanges();
            }
        }
        """, "Frameworks", Frameworks);

    [Fact]
    public Task A_started_activity_is_the_caller_s_and_Stop_ends_it() => Verify<OWN101DisposeCreatedResourceAnalyzer>.Diagnostics(Usings + """
        static class Tracing
        {
            private static readonly ActivitySource Source = new ActivitySource("Shop");

            public static void Scoped(Action work)
            {
                using var activity = Source.StartActivity("work");
                work();
            }

            public static void Stopped(Action work)
            {
                var activity = Source.StartActivity("work");
                try { work(); }
                finally { activity?.Stop(); }
            }

            public static void Forgotten(Action work)
            {
                var activity = {|OWN101:Source.StartActivity("work")|};
                activity?.SetTag("step", 1);
                work();
            }
        }
        """);

    private const string Registry = """
        namespace Hosting
        {
            public interface IHostProvider : System.IDisposable { string Name { get; } }
            public interface IProviderRegistry : System.IDisposable
            {
                void RegisterProvider(IHostProvider provider, int priority);
                string Describe(IHostProvider provider);
            }
            public interface IPipeline { void AddHandler(IHostProvider handler); void Additional(IHostProvider provider); }
        }
        """;

    [Fact]
    public Task A_resource_handed_to_a_library_registration_method_is_kept_there() => Verify<OWN102CreatedResourceDiscardedAnalyzer>.DiagnosticsWithLibrary(Usings + """
        using Hosting;
        sealed class GitHubProvider : IHostProvider
        {
            private readonly StreamWriter _trace = new StreamWriter("trace.log");
            public string Name => "github";
            public void Dispose() => _trace.Dispose();
        }
        static class Program
        {
            public static void Configure(IProviderRegistry registry, IPipeline pipeline)
            {
                registry.RegisterProvider(new GitHubProvider(), 1);
                pipeline.AddHandler(new GitHubProvider());
            }

            public static string Probe(IProviderRegistry registry, IPipeline pipeline)
            {
                pipeline.Additional({|OWN102:new GitHubProvider()|});
                return registry.Describe({|OWN102:new GitHubProvider()|});
            }
        }
        """, "Hosting", Registry);
}
