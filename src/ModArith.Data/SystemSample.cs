namespace ModArith.Data;

/// <summary>
/// The training process's resource use at one moment, sampled on the training thread of the process
/// that trains the run (a cluster worker or the embedded dashboard) and stored with the run's other
/// events, so every front-end can draw it. Samples thin out as a run gets older (see ProcessSampler).
/// </summary>
public class SystemSample
{
    public long Id { get; set; }
    public int RunId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The attempt that sampled it: a resumed run continues in another process.</summary>
    public int Attempt { get; set; }

    /// <summary>The run's step when it was sampled.</summary>
    public int Step { get; set; }

    /// <summary>CPU time used by the whole process since the previous sample, per wall second, in percent of one core (200 = two cores busy).</summary>
    public double CpuPercent { get; set; }

    /// <summary>The process's resident set size (physical memory), in bytes.</summary>
    public long MemoryBytes { get; set; }

    /// <summary>The process's thread count.</summary>
    public int Threads { get; set; }

    /// <summary>Logical cores the process may use (so <see cref="CpuPercent"/> reads against its ceiling).</summary>
    public int Cores { get; set; }
}
