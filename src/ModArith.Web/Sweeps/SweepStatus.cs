using ModArith.Data;

namespace ModArith.Web.Sweeps;

/// <summary>A sweep's status, derived from its runs' statuses (nothing to keep in sync).</summary>
public static class SweepStatus
{
    /// <summary>A run that will not train any further without a user's action.</summary>
    public static bool IsFinished(RunStatus s) => s is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled;

    public static string Of(IReadOnlyCollection<RunStatus> runs, bool cancelled)
    {
        if (runs.Any(s => s == RunStatus.Running)) return "Running";
        if (runs.Any(s => s == RunStatus.Queued)) return runs.Any(s => s != RunStatus.Queued) ? "Running" : "Queued";
        if (cancelled) return "Cancelled";
        if (runs.Any(s => s == RunStatus.Interrupted)) return "Interrupted";
        if (runs.Any(s => s == RunStatus.Failed)) return "Failed";
        return runs.All(s => s == RunStatus.Completed) ? "Completed" : "Stopped";
    }
}
