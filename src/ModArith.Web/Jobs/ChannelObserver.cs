using System.Diagnostics;
using ModArith.Core.Training;

namespace ModArith.Web.Jobs;

/// <summary>
/// Forwards a run's training callbacks into the event channel. Step progress is thinned to two
/// updates per second (each one re-renders the pages watching the run); evaluations, log
/// points and checkpoints always go through.
/// </summary>
public sealed class ChannelObserver(int runId, RunEventChannel events) : ITrainingObserver
{
    private static readonly long ProgressInterval = Stopwatch.Frequency / 2;
    private long lastProgress;

    public void OnStarted(TrainingStarted info) => events.Publish(new RunStarted(runId, info));

    public void OnStep(StepProgress progress)
    {
        long now = Stopwatch.GetTimestamp();
        if (now - lastProgress < ProgressInterval && progress.Step != progress.TotalSteps) return;
        lastProgress = now;
        events.Publish(new RunProgress(runId, progress));
    }

    public void OnEvaluation(EvaluationResult result) => events.Publish(new RunEvaluated(runId, result, DateTimeOffset.UtcNow));

    public void OnLog(TrainingLogPoint point) => events.Publish(new RunLogged(runId, point));

    public void OnCheckpoint(CheckpointInfo checkpoint) => events.Publish(new RunCheckpointSaved(runId, checkpoint));
}
