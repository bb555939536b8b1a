using OWN601 = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Cycles.OWN601OwnershipCycleAnalyzer>;

namespace Ownership.Analyzers.Tests.Rules.Cycles;

/// <summary>OWN601: the guards that make a cycle safe, and the one that does not.</summary>
public class OWN601GuardTests
{
    private const string Usings = "using System; using System.IO; using System.Threading;\n";

    [Fact]
    public Task Back_edge_released_after_a_disposed_flag_is_tested_and_set_is_clean() => OWN601.Diagnostics(Usings + """
        sealed class Parent : IDisposable
        {
            private readonly Child _child;
            public Parent() { _child = new Child(this); }
            public void Dispose() => _child.Dispose();
        }
        sealed class Child : IDisposable
        {
            private readonly Parent _parent;
            private bool _disposed;
            public Child(Parent parent) { _parent = parent; }
            public void Dispose()
            {
                if (_disposed) return;
                _disposed = true;
                _parent.Dispose();
            }
        }
        """);

    [Fact]
    public Task Flag_set_only_after_the_releases_does_not_stop_the_recursion_and_is_reported() => OWN601.Diagnostics(Usings + """
        class Parent : IDisposable
        {
            private readonly Child _child;
            private bool _disposed;
            public Parent() { _child = new Child(this); }
            public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }
            protected virtual void Dispose(bool disposing)
            {
                if (!_disposed)
                {
                    if (disposing) _child.Dispose();
                    _disposed = true;
                }
            }
        }
        sealed class Child : IDisposable
        {
            private readonly Parent _parent;
            public Child(Parent parent) { _parent = parent; }
            public void Dispose() => {|OWN601:_parent.Dispose()|};
        }
        """);

    [Fact]
    public Task Parent_guard_in_Dispose_that_calls_Dispose_bool_is_clean() => OWN601.Diagnostics(Usings + """
        class Parent : IDisposable
        {
            private readonly Child _child;
            private int _disposed;
            public Parent() { _child = new Child(this); }
            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
                Dispose(true);
            }
            protected virtual void Dispose(bool disposing)
            {
                if (disposing) _child.Dispose();
            }
        }
        sealed class Child : IDisposable
        {
            private readonly Parent _parent;
            public Child(Parent parent) { _parent = parent; }
            public void Dispose() => _parent.Dispose();
        }
        """);

    [Fact]
    public Task Back_edge_under_an_ownership_flag_is_clean() => OWN601.Diagnostics(Usings + """
        sealed class Parent : IDisposable
        {
            private readonly Child _child;
            public Parent() { _child = new Child(this, ownsParent: false); }
            public void Dispose() => _child.Dispose();
        }
        sealed class Child : IDisposable
        {
            private readonly Parent _parent;
            private readonly bool _ownsParent;
            public Child(Parent parent, bool ownsParent) { _parent = parent; _ownsParent = ownsParent; }
            public void Dispose() { if (_ownsParent) _parent.Dispose(); }
        }
        """);

    [Fact]
    public Task Back_reference_released_outside_disposal_is_not_an_edge() => OWN601.Diagnostics(Usings + """
        sealed class Parent : IDisposable
        {
            private readonly Child _child;
            public Parent() { _child = new Child(this); }
            public void Dispose() => _child.Dispose();
        }
        sealed class Child : IDisposable
        {
            private readonly Parent _parent;
            private readonly Stream _log = File.OpenWrite("log");
            public Child(Parent parent) { _parent = parent; }
            public void ShutDownEverything() => _parent.Dispose();
            public void Dispose() => _log.Dispose();
        }
        """);

    [Fact]
    public Task Dispose_bool_that_tests_and_sets_the_flag_before_releasing_is_clean() => OWN601.Diagnostics(Usings + """
        class Parent : IDisposable
        {
            private readonly Child _child;
            private bool _isDisposed;
            public Parent() { _child = new Child(this); }
            public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }
            protected virtual void Dispose(bool disposing)
            {
                if (_isDisposed) return;
                _isDisposed = true;
                if (disposing) _child.Dispose();
            }
        }
        sealed class Child : IDisposable
        {
            private readonly Parent _parent;
            public Child(Parent parent) { _parent = parent; }
            public void Dispose() => _parent.Dispose();
        }
        """);

}
