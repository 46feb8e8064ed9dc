using System.Diagnostics;

namespace ModArith.Web.Runs.Telemetry;

/// <summary>
/// Samples the current process (the one training the run: a cluster worker or the embedded dashboard)
/// from the training thread, so the figures travel with the run's events to the store and every
/// front-end. CPU is the process's CPU time since the previous sample per wall second (100% = one
/// core busy). Samples come at least <see cref="MinInterval"/> apart and thin out as the run ages
/// (one per 1/<see cref="SamplesPerAge"/> of its age), so a run of hours keeps a few hundred, not
/// thousands. The first measurable step is always sampled, so an attempt stopped within seconds (a
/// cancel, an early failure) still has one, and so is the last step.
/// </summary>
public sealed class ProcessSampler
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(2);
    private const double SamplesPerAge = 150;

    private readonly long startedAt = Stopwatch.GetTimestamp();
    private long lastAt;
    private bool sampled;
    private TimeSpan lastCpu;

    public ProcessSampler()
    {
        lastAt = startedAt;
        using var process = Process.GetCurrentProcess();
        lastCpu = process.TotalProcessorTime;
    }

    /// <summary>A sample when one is due (or <paramref name="force"/>), else null. Called on every step: cheap when not due.</summary>
    public ProcessSample? SampleIfDue(int step, bool force = false)
    {
        long now = Stopwatch.GetTimestamp();
        var sinceLast = Stopwatch.GetElapsedTime(lastAt, now);
        var age = Stopwatch.GetElapsedTime(startedAt, now);
        var interval = TimeSpan.FromTicks(Math.Max(MinInterval.Ticks, (long)(age.Ticks / SamplesPerAge)));
        if (!force && sampled && sinceLast < interval) return null;
        // Fewer than a few milliseconds since the previous sample: too short to measure CPU use.
        if (sinceLast < TimeSpan.FromMilliseconds(50)) return null;
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        double cpuPercent = 100 * (cpu - lastCpu).TotalSeconds / sinceLast.TotalSeconds;
        lastAt = now;
        lastCpu = cpu;
        sampled = true;
        return new ProcessSample(DateTimeOffset.UtcNow, step, Math.Round(Math.Max(0, cpuPercent), 1), process.WorkingSet64, process.Threads.Count,
            Environment.ProcessorCount);
    }
}
