using ModArith.Data;

namespace ModArith.Web.Runs.Telemetry;

/// <summary>
/// One line of a run's log (GET /api/runs/{id}/log and the `log` live event). Level: `Info`,
/// `Warning` (stopped early, cancelled, interrupted) or `Error` (failed); attempt and worker say which
/// attempt on which worker wrote it (null for a front-end's own line, such as queued).
/// </summary>
public sealed record RunLogLineDto(int RunId, DateTimeOffset At, string Level, string Message, int? Attempt, string? Worker)
{
    public static RunLogLineDto From(RunLogEntry e) => new(e.RunId, e.At, e.Level.ToString(), e.Message, e.Attempt, e.Worker);
}
