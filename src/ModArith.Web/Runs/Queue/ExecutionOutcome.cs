namespace ModArith.Web.Runs.Queue;

/// <summary>How one attempt of a run ended, as its executor saw it.</summary>
public enum ExecutionOutcome
{
    /// <summary>Not trained: finished, cancelled or taken by another attempt before this one could claim it.</summary>
    Skipped,
    Completed,
    Cancelled,
    Failed,

    /// <summary>Stopped because its process is stopping; embedded: Interrupted, cluster: handed back to the queue.</summary>
    Stopped,

    /// <summary>Another attempt took the run over (this worker was presumed dead): nothing more was written.</summary>
    Fenced,
}
