using Ownership.Analyzers.CodeFixes.Roots;
using Ownership.Analyzers.Rules.Roots;
using Ownership.Analyzers.Tests.Verifiers;

namespace Ownership.Analyzers.Tests.Rules.Roots;

public class OWN404FixTests
{
    private const string Extensions = """
        using System;
        namespace Microsoft.Extensions.Options
        {
            public interface IOptionsMonitor<out T> { T CurrentValue { get; } IDisposable OnChange(Action<T, string> listener); }
        }

        """;

    [Fact]
    public Task A_subscription_made_in_the_constructor_is_kept_and_disposed_by_a_new_Dispose() => VerifyFix<OWN404SubscriptionTokenIgnoredAnalyzer, OWN404KeepSubscriptionCodeFix>.Fix(Extensions + """
        namespace App
        {
            using Microsoft.Extensions.Options;
            class Settings { }
            sealed class Service
            {
                private Settings _current;

                public Service(IOptionsMonitor<Settings> monitor)
                {
                    // follow the settings
                    {|OWN404:monitor.OnChange((s, name) => _current = s)|};
                }
            }
        }
        """, Extensions + """
        namespace App
        {
            using Microsoft.Extensions.Options;
            class Settings { }
            sealed class Service : IDisposable
            {
                private readonly IDisposable _onChangeSubscription;
                private Settings _current;

                public Service(IOptionsMonitor<Settings> monitor)
                {
                    // follow the settings
                    _onChangeSubscription = monitor.OnChange((s, name) => _current = s);
                }

                public void Dispose()
                {
                    _onChangeSubscription?.Dispose();
                }
            }
        }
        """);

    [Fact]
    public Task A_disposable_type_releases_the_kept_subscription_in_its_Dispose() => VerifyFix<OWN404SubscriptionTokenIgnoredAnalyzer, OWN404KeepSubscriptionCodeFix>.Fix(Extensions + """
        namespace App
        {
            using Microsoft.Extensions.Options;
            class Settings { }
            sealed class Service : IDisposable
            {
                private Settings _current;
                public Service(IOptionsMonitor<Settings> monitor)
                {
                    {|OWN404:monitor.OnChange((s, name) => _current = s)|};
                }
                public void Dispose() { _current = null; }
            }
        }
        """, Extensions + """
        namespace App
        {
            using Microsoft.Extensions.Options;
            class Settings { }
            sealed class Service : IDisposable
            {
                private readonly IDisposable _onChangeSubscription;
                private Settings _current;
                public Service(IOptionsMonitor<Settings> monitor)
                {
                    _onChangeSubscription = monitor.OnChange((s, name) => _current = s);
                }
                public void Dispose()
                {
                    _current = null;
                    _onChangeSubscription?.Dispose();
                }
            }
        }
        """);

    [Fact]
    public Task A_registration_made_in_a_method_is_not_fixed() => VerifyFix<OWN404SubscriptionTokenIgnoredAnalyzer, OWN404KeepSubscriptionCodeFix>.NoFix("""
        using System; using System.Threading; using System.Threading.Tasks;
        class Waiter
        {
            private readonly TaskCompletionSource<bool> _done = new TaskCompletionSource<bool>();
            public Task WaitAsync(CancellationToken ct)
            {
                {|OWN404:ct.Register(() => _done.TrySetCanceled())|};
                return _done.Task;
            }
        }
        """);
}
