using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModArith.Core.Config;
using ModArith.Core.Training;
using ModArith.Data;
using ModArith.Web.Options;

namespace ModArith.Web.Jobs;

/// <summary>
/// Takes runs from the queue and trains each on its own dedicated thread (TorchSharp's dispose
/// scopes and grad mode are per thread), at most MaxConcurrentRuns at once, sharing one CPU-thread
/// budget. Reports through the event channel only; never waits on the database while training.
/// </summary>
public sealed class JobRunner(
    IDbContextFactory<ModArithDbContext> dbFactory,
    RunQueue queue,
    RunEventChannel events,
    DataPaths paths,
    IOptions<DashboardOptions> options,
    ILogger<JobRunner> log) : BackgroundService
{
    /// <summary>How long shutdown waits for training threads to stop and save their checkpoint.</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim free = new(Math.Max(1, options.Value.MaxConcurrentRuns));
    private readonly List<Thread> threads = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var runId in queue.Pending.ReadAllAsync(stoppingToken))
            {
                await free.WaitAsync(stoppingToken);
                var cts = queue.Activate(runId, stoppingToken);
                var thread = new Thread(() =>
                {
                    try { Execute(runId, cts.Token, stoppingToken); }
                    finally { queue.Deactivate(runId); free.Release(); }
                }) { IsBackground = true, Name = $"train-run-{runId}" };
                lock (threads)
                {
                    threads.RemoveAll(t => !t.IsAlive);
                    threads.Add(thread);
                }
                thread.Start();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>Stops the queue, then lets running runs finish their step and save a resumable checkpoint.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Thread[] running;
        lock (threads) running = threads.Where(t => t.IsAlive).ToArray();
        await Task.Run(() =>
        {
            foreach (var t in running) t.Join(ShutdownGrace);
        }, CancellationToken.None);
    }

    public override void Dispose()
    {
        free.Dispose();
        base.Dispose();
    }

    /// <summary>Threads each run may use: the budget split between the runs allowed at once.</summary>
    private int ThreadsPerRun()
    {
        int budget = options.Value.ThreadBudget > 0 ? options.Value.ThreadBudget : Environment.ProcessorCount;
        return Math.Max(1, budget / Math.Max(1, options.Value.MaxConcurrentRuns));
    }

    private void Execute(int runId, CancellationToken cancel, CancellationToken shutdown)
    {
        try
        {
            using var db = dbFactory.CreateDbContext();
            var run = db.Runs.Find(runId);
            if (run is null || run.Status is RunStatus.Cancelled or RunStatus.Completed) return;

            var config = ConfigLoader.Load(run.ConfigJson) with { Threads = ThreadsPerRun() };
            var directory = paths.RunDirectory(runId);
            var lastCheckpoint = Path.Combine(directory, TrainingRun.CheckpointFileName(Core.Training.CheckpointKind.Last, 0));
            bool resuming = File.Exists(lastCheckpoint);
            EvaluationResult? unstoredEvaluation = null;
            if (resuming)
            {
                // Points after the checkpoint will be recomputed identically: drop them so none is stored twice.
                var header = Checkpoint.ReadHeader(lastCheckpoint);
                db.MetricPoints.Where(m => m.RunId == runId && m.Step > header.Step).ExecuteDelete();
                Series.SeriesStore.CutAfter(db, runId, header.Step);
                // A hard kill between writing the checkpoint and storing its evaluation loses that point;
                // the checkpoint carries it, so restore it rather than leave a gap.
                if (header.Evaluation is { } evaluation && !db.MetricPoints.Any(m => m.RunId == runId && m.Step == header.Step))
                    unstoredEvaluation = evaluation;
            }
            run.Status = RunStatus.Running;
            run.StartedAt ??= DateTimeOffset.UtcNow;
            run.FinishedAt = null;
            run.Error = null;
            run.CheckpointDirectory = directory;
            db.SaveChanges();
            events.Publish(new RunStatusChanged(runId, RunStatus.Running, resuming ? "resumed from the last checkpoint" : null));
            if (unstoredEvaluation is not null) events.Publish(new RunEvaluated(runId, unstoredEvaluation, DateTimeOffset.UtcNow));

            using var training = resuming ? TrainingRun.Resume(lastCheckpoint, directory) : TrainingRun.Start(config, directory);
            var outcome = training.Train(new ChannelObserver(runId, events), cancel);
            var status = !outcome.Cancelled ? RunStatus.Completed
                : shutdown.IsCancellationRequested ? RunStatus.Interrupted
                : RunStatus.Cancelled;
            var message = outcome.Cancelled ? $"stopped at step {outcome.FinalStep}"
                : outcome.StoppedEarly ? $"stopped early at step {outcome.FinalStep}: o.o.d. test accuracy did not improve for {config.StopPatience} evaluations (stopPatience)"
                : null;
            events.Publish(new RunStatusChanged(runId, status, message));
        }
        catch (Exception e)
        {
            log.LogError(e, "Run {RunId} failed", runId);
            events.Publish(new RunStatusChanged(runId, RunStatus.Failed, e.Message));
        }
    }
}
