using ModArith.Core.Training;
using ModArith.Data;

namespace ModArith.Web.Jobs;

/// <summary>What the training threads report; the writer persists it and pushes it live.</summary>
public abstract record RunEvent(int RunId);

public sealed record RunStarted(int RunId, TrainingStarted Info) : RunEvent(RunId);
public sealed record RunProgress(int RunId, StepProgress Progress) : RunEvent(RunId);
/// <summary>An evaluation, stamped when the training thread reported it (for live-latency measurement).</summary>
public sealed record RunEvaluated(int RunId, EvaluationResult Result, DateTimeOffset ReportedAt) : RunEvent(RunId);
/// <summary>A point of the per-step curves (every logEvery steps).</summary>
public sealed record RunLogged(int RunId, TrainingLogPoint Point) : RunEvent(RunId);
public sealed record RunCheckpointSaved(int RunId, CheckpointInfo Checkpoint) : RunEvent(RunId);
public sealed record RunStatusChanged(int RunId, RunStatus Status, string? Message) : RunEvent(RunId);
