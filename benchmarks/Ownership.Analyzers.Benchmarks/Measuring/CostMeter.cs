using System;
using System.Diagnostics;
using System.IO;

namespace Ownership.Analyzers.Benchmarks.Measuring;

/// <summary>What one measured piece of work cost.</summary>
internal readonly record struct Cost(TimeSpan Wall, TimeSpan Cpu, long AllocatedBytes);

/// <summary>
/// Measures wall time, this process's CPU time and bytes allocated (all threads) around a piece
/// of work. CPU time is the figure the report leans on: the work is single-threaded by default,
/// JIT is done in the warm-up, and other processes on a shared machine stretch wall time but not
/// the CPU time this process spends.
/// </summary>
internal sealed class CostMeter
{
    private readonly Stopwatch _stopwatch;
    private readonly TimeSpan _cpuBefore;
    private readonly long _allocatedBefore;

    private CostMeter()
    {
        _allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        _cpuBefore = ProcessCpu();
        _stopwatch = Stopwatch.StartNew();
    }

    public static CostMeter Start() => new();

    public Cost Stop()
    {
        _stopwatch.Stop();
        var cpu = ProcessCpu() - _cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocatedBefore;
        return new Cost(_stopwatch.Elapsed, cpu, allocated);
    }

    /// <summary>The 1-minute load average when it can be read (Linux), to flag a busy machine in reports.</summary>
    public static string? LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
