using System.Diagnostics;
using ModArith.Core.Training;

namespace ModArith.Web.Runs.Live;

/// <summary>
/// Forwards a run's training callbacks into the event channel, stamped with the attempt that made
/// them (the store only accepts them from the attempt owning the run). Step progress is thinned to two
/// updates per second (each one re-renders the pages watching the run); evaluations and checkpoints
/// always go through. The process's CPU, memory and threads are sampled here too (every few
/// seconds), so they are measured in the process that trains, wherever it runs.
/// </summary>
public sealed class ChannelObserver(int runId, int attempt, string worker, RunEventChannel events) : ITrainingObserver
{
    private static readonly long ProgressInterval = Stopwatch.Frequency / 2;
    private long lastProgress;
    private readonly Telemetry.ProcessSampler sampler = new();

    public void OnStarted(TrainingStarted info)
    {
        events.Publish(new RunStarted(runId, info) { Attempt = attempt });
        events.Publish(new RunNoted(runId, Data.RunLogLevel.Info,
            $"training on {info.Device}: {info.Parameters:N0} parameters, steps {info.StartStep + 1:N0} to {info.TotalSteps:N0}, "
            + $"{info.IdTasks} i.d. and {info.OodTasks} o.o.d. tasks, {info.TrainPairs} training pairs",
            DateTimeOffset.UtcNow, worker) { Attempt = attempt });
    }

    public void OnStep(StepProgress progress)
    {
        bool lastStep = progress.Step == progress.TotalSteps;
        if (sampler.SampleIfDue(progress.Step, force: lastStep) is { } sample)
            events.Publish(new RunSystemSampled(runId, sample) { Attempt = attempt });
        long now = Stopwatch.GetTimestamp();
        if (now - lastProgress < ProgressInterval && progress.Step != progress.TotalSteps) return;
        lastProgress = now;
        events.Publish(new RunProgress(runId, progress) { Attempt = attempt });
    }

    public void OnEvaluation(EvaluationResult result) => events.Publish(new RunEvaluated(runId, result, DateTimeOffset.UtcNow) { Attempt = attempt });

    public void OnLog(TrainingLogPoint point) => events.Publish(new RunLogged(runId, point) { Attempt = attempt });

    public void OnCheckpoint(CheckpointInfo checkpoint) => events.Publish(new RunCheckpointSaved(runId, checkpoint) { Attempt = attempt });
}
