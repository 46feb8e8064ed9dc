using Microsoft.EntityFrameworkCore;
using ModArith.Core.Config;
using ModArith.Core.Training;
using ModArith.Data;
using ModArith.Web.Runs.Live;

namespace ModArith.Web.Runs.Queue;

/// <summary>
/// Trains one attempt of a run on the calling thread: the in-process runner and a cluster worker's
/// Hangfire job both call it. It claims the run under a new attempt epoch (so a worker presumed dead
/// can no longer write for it), resumes from the last checkpoint dropping any stored point after it,
/// and reports through the event channel only, never waiting on the database while training.
/// </summary>
public sealed class RunExecutor(
    IDbContextFactory<ModArithDbContext> dbFactory,
    RunEventChannel events,
    DataPaths paths,
    ExecutorSettings settings,
    ILogger<RunExecutor> log)
{
    /// <param name="stop">Set when this process stops: the run saves a checkpoint and is marked Interrupted or handed back.</param>
    public ExecutionOutcome Execute(int runId, int threads, CancellationToken stop)
    {
        int attempt = 0;
        try
        {
            using var db = dbFactory.CreateDbContext();
            var run = db.Runs.AsNoTracking().FirstOrDefault(r => r.Id == runId);
            if (run is null || run.Status is not (RunStatus.Queued or RunStatus.Running)) return ExecutionOutcome.Skipped;

            // Claim: only one attempt wins the step from the epoch it read to the next one.
            attempt = run.Attempt + 1;
            var now = DateTimeOffset.UtcNow;
            int claimed = db.Runs
                .Where(r => r.Id == runId && r.Attempt == run.Attempt && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running))
                .ExecuteUpdate(s => s
                    .SetProperty(r => r.Attempt, attempt)
                    .SetProperty(r => r.Worker, settings.WorkerName)
                    .SetProperty(r => r.Status, RunStatus.Running)
                    .SetProperty(r => r.StartedAt, r => r.StartedAt ?? now)
                    .SetProperty(r => r.FinishedAt, (DateTimeOffset?)null)
                    .SetProperty(r => r.Error, (string?)null));
            if (claimed == 0) return ExecutionOutcome.Skipped;
            if (run.CancelRequestedAt is not null)
            {
                // Cancelled while its previous worker was gone: nothing to train.
                Note(runId, attempt, RunLogLevel.Warning, "cancelled: the cancel was asked for while no worker held the run");
                Publish(new RunStatusChanged(runId, RunStatus.Cancelled, "cancelled"), attempt);
                return ExecutionOutcome.Cancelled;
            }

            var config = ConfigLoader.Load(run.ConfigJson) with { Threads = threads };
            var directory = settings.CheckpointsPerAttempt
                ? Path.Combine(paths.RunDirectory(runId), $"attempt-{attempt}")
                : paths.RunDirectory(runId);
            var lastCheckpoint = FindLastCheckpoint(db, runId, directory);
            EvaluationResult? unstoredEvaluation = null;
            int resumeStep = 0;
            if (lastCheckpoint is not null)
            {
                // Points after the checkpoint will be recomputed identically: drop them so none is stored twice.
                var header = Checkpoint.ReadHeader(lastCheckpoint);
                resumeStep = header.Step;
                db.MetricPoints.Where(m => m.RunId == runId && m.Step > header.Step).ExecuteDelete();
                Series.SeriesStore.CutAfter(db, runId, header.Step);
                // A hard kill between writing the checkpoint and storing its evaluation loses that point;
                // the checkpoint carries it, so restore it rather than leave a gap.
                if (header.Evaluation is { } evaluation && !db.MetricPoints.Any(m => m.RunId == runId && m.Step == header.Step))
                    unstoredEvaluation = evaluation;
            }
            else
            {
                // Starting over (a previous attempt died before its first checkpoint was stored).
                db.MetricPoints.Where(m => m.RunId == runId).ExecuteDelete();
            }
            db.Runs.Where(r => r.Id == runId && r.Attempt == attempt)
                .ExecuteUpdate(s => s.SetProperty(r => r.CheckpointDirectory, paths.ToStored(directory)));
            if (lastCheckpoint is null)
                Note(runId, attempt, RunLogLevel.Info, attempt > 1
                    ? $"started over from step 0 (attempt {attempt} on {settings.WorkerName}): no usable checkpoint of an earlier attempt"
                    : $"started (attempt {attempt} on {settings.WorkerName})");
            else
                Note(runId, attempt, RunLogLevel.Info,
                    $"resumed at step {resumeStep:N0} from checkpoint {paths.ToStored(lastCheckpoint)} (attempt {attempt} on {settings.WorkerName})");
            string? resumed = lastCheckpoint is null ? null
                : attempt > 1 && settings.CheckpointsPerAttempt ? $"attempt {attempt} on {settings.WorkerName}, resumed from the last checkpoint"
                : "resumed from the last checkpoint";
            Publish(new RunStatusChanged(runId, RunStatus.Running, resumed), attempt);
            if (unstoredEvaluation is not null) Publish(new RunEvaluated(runId, unstoredEvaluation, DateTimeOffset.UtcNow), attempt);

            using var watch = new RunWatch(dbFactory, runId, attempt, settings.WatchInterval);
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop, watch.Token);
            using var training = lastCheckpoint is not null ? TrainingRun.Resume(lastCheckpoint, directory) : TrainingRun.Start(config, directory);
            var outcome = training.Train(new ChannelObserver(runId, attempt, settings.WorkerName, events), cancel.Token);
            // Stopped by the process (or Hangfire noticing another worker took the job): was the run taken over?
            if (outcome.Cancelled && !watch.Lost && !watch.CancelRequested) watch.CheckNow();
            if (watch.Lost)
            {
                log.LogWarning("Run {RunId}: attempt {Attempt} lost the run to a newer attempt and stopped at step {Step}", runId, attempt, outcome.FinalStep);
                return ExecutionOutcome.Fenced;
            }
            if (!outcome.Cancelled)
            {
                var message = outcome.StoppedEarly
                    ? $"stopped early at step {outcome.FinalStep}: o.o.d. test accuracy did not improve for {config.StopPatience} evaluations (stopPatience)"
                    : null;
                Note(runId, attempt, outcome.StoppedEarly ? RunLogLevel.Warning : RunLogLevel.Info, message ?? $"finished at step {outcome.FinalStep:N0}");
                Publish(new RunStatusChanged(runId, RunStatus.Completed, message), attempt);
                return ExecutionOutcome.Completed;
            }
            if (watch.CancelRequested)
            {
                Note(runId, attempt, RunLogLevel.Warning, $"cancelled at step {outcome.FinalStep:N0} (a checkpoint was kept)");
                Publish(new RunStatusChanged(runId, RunStatus.Cancelled, $"stopped at step {outcome.FinalStep}"), attempt);
                return ExecutionOutcome.Cancelled;
            }
            Note(runId, attempt, RunLogLevel.Warning, settings.HandBackOnStop
                ? $"handed back to the queue at step {outcome.FinalStep:N0}: worker {settings.WorkerName} stopped"
                : $"interrupted at step {outcome.FinalStep:N0}: the dashboard stopped (resume continues from the checkpoint)");
            Publish(settings.HandBackOnStop
                ? new RunStatusChanged(runId, RunStatus.Queued, $"handed back to the queue at step {outcome.FinalStep}: worker {settings.WorkerName} stopped")
                : new RunStatusChanged(runId, RunStatus.Interrupted, $"stopped at step {outcome.FinalStep}"), attempt);
            return ExecutionOutcome.Stopped;
        }
        catch (Exception e) when (attempt == 0 && StoreFailures.IsTransient(e))
        {
            // Not claimed: the store is unreachable. The caller may try again; nothing was written.
            throw;
        }
        catch (Exception e)
        {
            log.LogError(e, "Run {RunId} failed", runId);
            if (attempt > 0)
            {
                Note(runId, attempt, RunLogLevel.Error, $"failed: {e.Message}");
                Publish(new RunStatusChanged(runId, RunStatus.Failed, e.Message), attempt);
            }
            return ExecutionOutcome.Failed;
        }
    }

    private void Publish(RunEvent e, int attempt) => events.Publish(e with { Attempt = attempt });

    /// <summary>A line of the run's log, from this attempt on this worker.</summary>
    private void Note(int runId, int attempt, RunLogLevel level, string message) =>
        Publish(new RunNoted(runId, level, message, DateTimeOffset.UtcNow, settings.WorkerName), attempt);

    /// <summary>
    /// Embedded: the run's own folder's last.ckpt, as always. Cluster: the "last" checkpoint file of the
    /// attempt the store last recorded one for. The training thread runs ahead of the store, so that
    /// file may hold a later step than its record; it is used when every evaluation before its step is
    /// stored (its own evaluation travels in the file), otherwise the run starts over rather than
    /// leave a gap.
    /// </summary>
    private string? FindLastCheckpoint(ModArithDbContext db, int runId, string directory)
    {
        if (!settings.CheckpointsPerAttempt)
        {
            var file = Path.Combine(directory, TrainingRun.CheckpointFileName(Core.Training.CheckpointKind.Last, 0));
            return File.Exists(file) ? file : null;
        }
        var record = db.Checkpoints.AsNoTracking().FirstOrDefault(c => c.RunId == runId && c.Kind == Data.CheckpointKind.Last);
        if (record is null) return null;
        var path = paths.Resolve(record.Path);
        if (!File.Exists(path)) return null;
        var header = Checkpoint.ReadHeader(path);
        var stored = db.MetricPoints.Where(m => m.RunId == runId && m.Step < header.Step).Select(m => m.Step).ToHashSet();
        var missing = Enumerable.Range(1, Math.Max(0, header.Step - 1))
            .Where(s => CheckpointSchedule.IsEvaluationStep(s, header.Config.EvalEvery, header.Config.Steps) && !stored.Contains(s))
            .ToList();
        if (missing.Count == 0) return path;
        log.LogWarning("Run {RunId}: the last checkpoint {Path} is at step {Step} but evaluations {Missing} were never stored; starting over",
            runId, path, header.Step, string.Join(",", missing.Take(5)));
        return null;
    }
}
