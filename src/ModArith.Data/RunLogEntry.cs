namespace ModArith.Data;

/// <summary>
/// One line of a run's log, as the run page's system panel shows it: queued, started, resumed (from
/// which step and checkpoint, by which attempt on which worker), cancel requested, stopped early,
/// cancelled, interrupted, failed with its error, finished. Written by whichever process did it (a
/// front-end or the worker training the run), so the log is the same seen from any front-end.
/// </summary>
public class RunLogEntry
{
    public long Id { get; set; }
    public int RunId { get; set; }
    public DateTimeOffset At { get; set; }
    public RunLogLevel Level { get; set; }
    public string Message { get; set; } = "";

    /// <summary>The attempt that wrote it; null for a front-end's own line (queued, cancel requested).</summary>
    public int? Attempt { get; set; }

    /// <summary>The worker that wrote it ("embedded" in the single-process mode); null for a front-end's line.</summary>
    public string? Worker { get; set; }
}
