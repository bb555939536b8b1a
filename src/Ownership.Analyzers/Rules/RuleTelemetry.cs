using System;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ownership.Analyzers.Rules;

/// <summary>
/// Time spent in each rule of a merged family, for the benchmark's per-rule rows (the driver only
/// sees the family). Off unless the benchmark turns it on; off, measuring costs one field read.
/// </summary>
internal static class RuleTelemetry
{
    private static readonly ConcurrentDictionary<string, long> Ticks = new(StringComparer.Ordinal);

    public static bool Enabled { get; set; }

    public static Scope Measure(object rule) => Enabled ? new Scope(rule.GetType().Name) : default;

    /// <summary>Elapsed time per rule class name since the last reset.</summary>
    public static ConcurrentDictionary<string, long> Snapshot() => new(Ticks);

    public static void Reset() => Ticks.Clear();

    internal readonly struct Scope : IDisposable
    {
        private readonly string? _rule;
        private readonly long _start;

        public Scope(string rule)
        {
            _rule = rule;
            _start = Stopwatch.GetTimestamp();
        }

        public void Dispose()
        {
            if (_rule is not null)
            {
                var elapsed = Stopwatch.GetTimestamp() - _start;
                Ticks.AddOrUpdate(_rule, elapsed, (_, total) => total + elapsed);
            }
        }
    }
}
