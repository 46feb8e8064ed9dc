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
