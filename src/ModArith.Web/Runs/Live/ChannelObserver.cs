using System.Diagnostics;
using ModArith.Core.Training;

namespace ModArith.Web.Runs.Live;

/// <summary>
/// Forwards a run's training callbacks into the event channel, stamped with the attempt that made
/// them (the store only accepts them from the attempt owning the run). Step progress is thinned to two
/// updates per second (each one re-renders the pages watching the run); evaluations and checkpoints
/// always go through.
/// </summary>
public sealed class ChannelObserver(int runId, int attempt, RunEventChannel events) : ITrainingObserver
{
    private static readonly long ProgressInterval = Stopwatch.Frequency / 2;
    private long lastProgress;

    public void OnStarted(TrainingStarted info) => events.Publish(new RunStarted(runId, info) { Attempt = attempt });

    public void OnStep(StepProgress progress)
    {
        long now = Stopwatch.GetTimestamp();
        if (now - lastProgress < ProgressInterval && progress.Step != progress.TotalSteps) return;
        lastProgress = now;
        events.Publish(new RunProgress(runId, progress) { Attempt = attempt });
    }

    public void OnEvaluation(EvaluationResult result) => events.Publish(new RunEvaluated(runId, result, DateTimeOffset.UtcNow) { Attempt = attempt });

    public void OnLog(TrainingLogPoint point) => events.Publish(new RunLogged(runId, point) { Attempt = attempt });

    public void OnCheckpoint(CheckpointInfo checkpoint) => events.Publish(new RunCheckpointSaved(runId, checkpoint) { Attempt = attempt });
}
