namespace ModArith.Web.Runs.Live;

/// <summary>What differs between the embedded event writer and a cluster node's.</summary>
public sealed record WriterSettings
{
    /// <summary>Embedded: push metrics before the commit (lower latency; one process, no fencing to wait for).</summary>
    public bool LiveBeforeStore { get; init; } = true;

    /// <summary>Tries of one batch while the store is unreachable, then it is logged and dropped.</summary>
    public int MaxStoreTries { get; init; } = 120;

    public TimeSpan StoreRetryDelay { get; init; } = TimeSpan.FromSeconds(1);
}
