using Verifier = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Roots.OWN404SubscriptionTokenIgnoredAnalyzer>;

namespace Ownership.Analyzers.Tests.Rules.Roots;

public class OWN404Tests
{
    private const string Usings = "using System; using System.Threading; using System.Threading.Tasks;\n";

    // Microsoft.Extensions types are not in the reference assemblies: stubs with the real metadata names.
    private const string Extensions = """
        namespace Microsoft.Extensions.Primitives
        {
            public interface IChangeToken { IDisposable RegisterChangeCallback(Action<object> callback, object state); }
            public static class ChangeToken { public static IDisposable OnChange(Func<IChangeToken> producer, Action consumer) => null; }
        }
        namespace Microsoft.Extensions.Options
        {
            public interface IOptionsMonitor<out T> { T CurrentValue { get; } IDisposable OnChange(Action<T, string> listener); }
            public static class OptionsMonitorExtensions { public static IDisposable OnChange<T>(this IOptionsMonitor<T> monitor, Action<T> listener) => null; }
        }

        """;

    [Fact]
    public Task Register_on_a_token_that_outlives_the_method_is_reported() => Verifier.Diagnostics(Usings + """
        class Waiter
        {
            private readonly CancellationToken _stopping;
            private readonly TaskCompletionSource _done = new TaskCompletionSource();
            public Waiter(CancellationToken stopping) { _stopping = stopping; }
            public Task WaitAsync(CancellationToken ct)
            {
                {|OWN404:ct.Register(() => _done.TrySetCanceled())|};
                _ = {|OWN404:_stopping.Register(() => _done.TrySetCanceled())|};
                return _done.Task;
            }
        }
        """);

    [Fact]
    public Task Observable_subscriptions_on_injected_sources_are_reported() => Verifier.Diagnostics(Usings + """
        sealed class Observer : IObserver<int>
        {
            public void OnNext(int value) { } public void OnError(Exception error) { } public void OnCompleted() { }
        }
        static class ObservableExtensions
        {
            public static IDisposable Subscribe<T>(this IObservable<T> source, Action<T> onNext) => source.Subscribe(new Observer2<T>(onNext));
            public static IObservable<T> Where<T>(this IObservable<T> source, Func<T, bool> predicate) => source;
        }
        sealed class Observer2<T> : IObserver<T>
        {
            private readonly Action<T> _onNext;
            public Observer2(Action<T> onNext) { _onNext = onNext; }
            public void OnNext(T value) => _onNext(value); public void OnError(Exception error) { } public void OnCompleted() { }
        }
        class Dashboard : IObserver<int>
        {
            private readonly IObservable<int> _prices;
            private int _last;
            public Dashboard(IObservable<int> prices)
            {
                _prices = prices;
                {|OWN404:_prices.Subscribe(this)|};
                {|OWN404:_prices.Where(p => p > 0).Subscribe(p => _last = p)|};
                {|OWN404:prices.Subscribe(OnPrice)|};
            }
            private void OnPrice(int price) { }
            public void OnNext(int value) { } public void OnError(Exception error) { } public void OnCompleted() { }
        }
        """);

    [Fact]
    public Task Options_and_change_token_callbacks_are_reported() => Verifier.Diagnostics(Usings + Extensions + """
        namespace App
        {
            using Microsoft.Extensions.Options;
            using Microsoft.Extensions.Primitives;
            class Settings { }
            class Service
            {
                private Settings _current;
                public Service(IOptionsMonitor<Settings> monitor, IChangeToken token)
                {
                    {|OWN404:monitor.OnChange(s => _current = s)|};
                    {|OWN404:monitor.OnChange((s, name) => _current = s)|};
                    {|OWN404:ChangeToken.OnChange(() => token, () => _current = null)|};
                    {|OWN404:token.RegisterChangeCallback(_ => _current = null, null)|};
                }
            }
        }
        """);

    [Fact]
    public Task Kept_tokens_and_tokens_that_die_with_the_method_are_clean() => Verifier.Diagnostics(Usings + Extensions + """
        namespace App
        {
            using Microsoft.Extensions.Options;
            using Microsoft.Extensions.Primitives;
            class Settings { }
            sealed class Service : IDisposable
            {
                private readonly IDisposable _subscription;
                private readonly CancellationTokenSource _cts = new CancellationTokenSource();
                public Service(IOptionsMonitor<Settings> monitor) { _subscription = monitor.OnChange(s => { }); }
                public void Run(CancellationToken ct)
                {
                    using var cts = new CancellationTokenSource();
                    cts.Token.Register(() => Console.WriteLine("local"));
                    var source = new CancellationTokenSource();
                    source.Token.Register(() => { });
                    _cts.Token.Register(() => Console.WriteLine("owned"));
                    using (ct.Register(() => { })) { }
                    var registration = ct.Register(() => { });
                    registration.Dispose();
                    CancellationToken.None.Register(() => { });
                    default(CancellationToken).Register(() => { });
                }
                public void Dispose() { _subscription.Dispose(); _cts.Dispose(); }
            }
            static class Program
            {
                static void Main(IChangeToken token) { ChangeToken.OnChange(() => token, () => Console.WriteLine("reloaded")); }
            }
        }
        """);

    [Fact]
    public Task Subscriptions_that_root_no_instance_are_clean() => Verifier.Diagnostics(Usings + """
        sealed class Observer : IObserver<int>
        {
            public void OnNext(int value) { } public void OnError(Exception error) { } public void OnCompleted() { }
        }
        static class Pipes
        {
            // A helper that forwards a subscription for its caller: nothing shorter-lived is rooted here.
            public static void Forward(IObservable<int> source, IObserver<int> observer) { source.Subscribe(observer); }
        }
        class Printer
        {
            public Printer(IObservable<int> prices) { prices.Subscribe(new Observer()); }
        }
        """);

    [Fact]
    public Task Self_and_local_observables_and_unrelated_methods_are_clean() => Verifier.Diagnostics(Usings + """
        class Subject : IObservable<int>
        {
            public IDisposable Subscribe(IObserver<int> observer) => null;
            public void Wire(IObserver<int> observer) { this.Subscribe(observer); Subscribe(observer); }
        }
        interface ILogger { IDisposable Register(Action a); }
        class User
        {
            public void Run(IObserver<int> observer, ILogger logger)
            {
                new Subject().Subscribe(observer);
                var subject = new Subject();
                subject.Subscribe(observer);
                logger.Register(() => { });
            }
        }
        """);

    [Fact]
    public Task Results_the_model_owns_are_left_to_OWN102() => Verifier.Diagnostics(Usings + """
        [AttributeUsage(AttributeTargets.Method)] sealed class MustDisposeResourceAttribute : Attribute { }
        interface IFeed : IObservable<int> { [MustDisposeResource] new IDisposable Subscribe(IObserver<int> observer); }
        class Reader
        {
            public void Run(IFeed feed, IObserver<int> observer) { feed.Subscribe(observer); }
        }
        """);
}
