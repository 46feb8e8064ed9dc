namespace ModArith.Web.Runs.Queue;

/// <summary>What differs between the embedded executor and a cluster worker's.</summary>
public sealed record ExecutorSettings
{
    /// <summary>Recorded on the run as the worker holding it.</summary>
    public string WorkerName { get; init; } = "embedded";

    /// <summary>
    /// Cluster: each attempt writes its checkpoints in its own folder (runs/ID/attempt-N) and resumes
    /// from the stored "last" checkpoint, so a presumed-dead worker that wakes up cannot overwrite the
    /// files its successor resumes from. Embedded: runs/ID, as always.
    /// </summary>
    public bool CheckpointsPerAttempt { get; init; }

    /// <summary>On a process stop: true hands the run back to the queue (cluster), false marks it Interrupted (embedded).</summary>
    public bool HandBackOnStop { get; init; }

    /// <summary>How often a training attempt polls the store for a cancel request and for still owning the run.</summary>
    public TimeSpan WatchInterval { get; init; } = TimeSpan.FromSeconds(1);
}
