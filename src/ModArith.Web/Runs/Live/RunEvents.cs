using ModArith.Core.Training;
using ModArith.Data;

namespace ModArith.Web.Runs.Live;

/// <summary>What the training threads report; the writer persists it and pushes it live.</summary>
public abstract record RunEvent(int RunId)
{
    /// <summary>
    /// The attempt that reported it; the store takes it only while that attempt owns the run. Null for a
    /// front-end's own status change (queued, cancelled before start), already stored: pushed live only.
    /// </summary>
    public int? Attempt { get; init; }
}

public sealed record RunStarted(int RunId, TrainingStarted Info) : RunEvent(RunId);
public sealed record RunProgress(int RunId, StepProgress Progress) : RunEvent(RunId);
/// <summary>An evaluation, stamped when the training thread reported it (for live-latency measurement).</summary>
public sealed record RunEvaluated(int RunId, EvaluationResult Result, DateTimeOffset ReportedAt) : RunEvent(RunId);
/// <summary>A point of the per-step curves (every logEvery steps).</summary>
public sealed record RunLogged(int RunId, TrainingLogPoint Point) : RunEvent(RunId);
public sealed record RunCheckpointSaved(int RunId, CheckpointInfo Checkpoint) : RunEvent(RunId);
public sealed record RunStatusChanged(int RunId, RunStatus Status, string? Message) : RunEvent(RunId);

/// <summary>
/// A line for the run's log (started, resumed, cancel requested, stopped early, failed...), stored and
/// pushed live. With an attempt it is fenced like the attempt's other events; without one it is a
/// front-end's own line (queued, cancel requested), stored as it comes.
/// </summary>
public sealed record RunNoted(int RunId, RunLogLevel Level, string Message, DateTimeOffset At, string? Worker) : RunEvent(RunId);

/// <summary>The training process's CPU, memory and threads, sampled on the training thread.</summary>
public sealed record RunSystemSampled(int RunId, Telemetry.ProcessSample Sample) : RunEvent(RunId);
