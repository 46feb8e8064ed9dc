namespace ModArith.Web.Options;

/// <summary>
/// Settings of the cluster mode (section "Cluster"), the same on front-ends and workers. The
/// connection strings are ConnectionStrings:ModArith (PostgreSQL: store and Hangfire) and
/// ConnectionStrings:Redis; give them by environment or a config file kept outside the repository.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>
    /// Hangfire's sliding invisibility timeout: a job whose worker stops renewing it for this long
    /// (the worker died) is handed to another worker, which resumes the run from its last checkpoint.
    /// </summary>
    public int InvisibilityTimeoutSeconds { get; set; } = 30;

    /// <summary>How often an idle worker polls its queues; bounds the queued-to-running latency.</summary>
    public int QueuePollIntervalMilliseconds { get; set; } = 500;

    /// <summary>A worker whose last heartbeat is older than this shows as gone on the Workers page.</summary>
    public int WorkerHeartbeatSeconds { get; set; } = 5;

    /// <summary>
    /// How often front-ends look for runs stored as Queued or Running that no Hangfire job will train
    /// (a run without one in two sweeps in a row is enqueued again): such a run waits at most twice this.
    /// </summary>
    public int OrphanSweepSeconds { get; set; } = 30;

    /// <summary>Mount Hangfire's own dashboard at /hangfire (behind the same access token) for operators.</summary>
    public bool HangfireDashboard { get; set; } = true;
}
