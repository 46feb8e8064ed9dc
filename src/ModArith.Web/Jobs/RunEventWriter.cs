using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using ModArith.Core.Config;
using ModArith.Core.Training;
using ModArith.Data;
using ModArith.Web.Api;
using ModArith.Web.Hubs;
using ModArith.Web.Series;
using DataCheckpointKind = ModArith.Data.CheckpointKind;

namespace ModArith.Web.Jobs;

/// <summary>
/// Drains the event channel in batches: one SaveChanges per batch (metric points, checkpoints,
/// progress, status, run summary), and pushes the same events to SignalR and Blazor pages. Pushes are
/// fire-and-forget per group, so a slow or vanished browser never holds up the writer.
/// </summary>
public sealed class RunEventWriter(
    RunEventChannel events,
    IDbContextFactory<ModArithDbContext> dbFactory,
    IHubContext<RunsHub> hub,
    RunNotifier notifier,
    ILogger<RunEventWriter> log) : BackgroundService
{
    private const int MaxBatch = 500;

    /// <summary>Progress is pushed live as it comes but stored at most this often per run (each store is a commit).</summary>
    private static readonly TimeSpan ProgressStoreInterval = TimeSpan.FromSeconds(3);
    private readonly Dictionary<int, DateTime> progressStoredAt = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = events.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                var batch = new List<RunEvent>();
                while (batch.Count < MaxBatch && reader.TryRead(out var e)) batch.Add(e);
                // Metrics and progress go live before the database commit (its fsync is the slow
                // part); status changes only after it, since pages reload the run when one arrives.
                await PushAsync(batch.Where(e => e is not RunStatusChanged).ToList());
                try
                {
                    // Never abandon a batch half-way: a shutdown must not lose points that the
                    // training thread has already checkpointed past.
                    await PersistAsync(batch, CancellationToken.None);
                }
                catch (Exception ex)
                {
                    log.LogError(ex, "Could not store {Count} run events", batch.Count);
                }
                await PushAsync(batch.OfType<RunStatusChanged>().ToList<RunEvent>());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }

        // Shutting down: store what the training threads reported last (e.g. Interrupted), unpushed.
        var rest = new List<RunEvent>();
        while (reader.TryRead(out var e)) rest.Add(e);
        if (rest.Count > 0)
        {
            try { await PersistAsync(rest, CancellationToken.None); }
            catch (Exception ex) { log.LogError(ex, "Could not store {Count} run events at shutdown", rest.Count); }
        }
    }

    private async Task PersistAsync(List<RunEvent> batch, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runIds = batch.Select(e => e.RunId).Distinct().ToList();
        var runs = await db.Runs.Where(r => runIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        // Per-step curve points: appended to each run's packed chunks, a batch at a time.
        foreach (var logged in batch.OfType<RunLogged>().GroupBy(e => e.RunId))
            if (runs.ContainsKey(logged.Key))
                await SeriesStore.AppendAsync(db, logged.Key, logged.Select(e => ToPoint(e.Point)).ToList(), ct);
        foreach (var e in batch)
        {
            if (!runs.TryGetValue(e.RunId, out var run)) continue;
            switch (e)
            {
                case RunStarted s:
                    run.Device = s.Info.Device;
                    run.CurrentStep = s.Info.StartStep;
                    run.TotalSteps = s.Info.TotalSteps;
                    break;
                case RunProgress p:
                    bool last = p.Progress.Step == p.Progress.TotalSteps;
                    if (!last && progressStoredAt.TryGetValue(run.Id, out var at) && DateTime.UtcNow - at < ProgressStoreInterval) break;
                    progressStoredAt[run.Id] = DateTime.UtcNow;
                    run.CurrentStep = p.Progress.Step;
                    run.StepsPerSecond = p.Progress.StepsPerSecond;
                    break;
                case RunEvaluated m:
                    run.CurrentStep = Math.Max(run.CurrentStep, m.Result.Step);
                    bool exists = await db.MetricPoints.AnyAsync(x => x.RunId == run.Id && x.Step == m.Result.Step, ct)
                                  || db.MetricPoints.Local.Any(x => x.RunId == run.Id && x.Step == m.Result.Step);
                    if (!exists) db.MetricPoints.Add(ToEntity(run.Id, m.Result));
                    RunSummary.Update(run, m.Result);
                    break;
                case RunCheckpointSaved c:
                    // A cancel's checkpoint is the step the run stopped at: the stored step says the same.
                    run.CurrentStep = Math.Max(run.CurrentStep, c.Checkpoint.Step);
                    await RecordCheckpointAsync(db, run.Id, c.Checkpoint, ct);
                    break;
                case RunStatusChanged st:
                    run.Status = st.Status;
                    if (st.Status is RunStatus.Failed) run.Error = st.Message;
                    if (st.Status is not (RunStatus.Running or RunStatus.Queued)) run.FinishedAt = DateTimeOffset.UtcNow;
                    break;
            }
        }
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
    }

    /// <summary>Log-spaced checkpoints accumulate; "last" and "best-o.o.d." are one file each, so one row each.</summary>
    private static async Task RecordCheckpointAsync(ModArithDbContext db, int runId, CheckpointInfo c, CancellationToken ct)
    {
        var kind = c.Kind switch
        {
            Core.Training.CheckpointKind.LogSpaced => DataCheckpointKind.LogSpaced,
            Core.Training.CheckpointKind.BestOod => DataCheckpointKind.BestOod,
            _ => DataCheckpointKind.Last,
        };
        // Log-spaced rows are one per step; the others one per kind.
        Expression<Func<CheckpointRecord, bool>> same = kind == DataCheckpointKind.LogSpaced
            ? x => x.RunId == runId && x.Kind == kind && x.Step == c.Step
            : x => x.RunId == runId && x.Kind == kind;
        var existing = db.Checkpoints.Local.FirstOrDefault(same.Compile()) ?? await db.Checkpoints.FirstOrDefaultAsync(same, ct);
        if (existing is null)
            db.Checkpoints.Add(new CheckpointRecord { RunId = runId, Kind = kind, Step = c.Step, Path = c.Path, CreatedAt = DateTimeOffset.UtcNow });
        else
        {
            existing.Step = c.Step;
            existing.Path = c.Path;
            existing.CreatedAt = DateTimeOffset.UtcNow;
        }
    }

    private static SeriesPoint ToPoint(TrainingLogPoint p) => new(p.Step, (float)p.TrainLoss, (float)p.LearningRate, (float)p.GradNorm);

    private static MetricPoint ToEntity(int runId, EvaluationResult r) => new()
    {
        RunId = runId,
        Step = r.Step,
        WallSeconds = r.WallSeconds,
        LearningRate = r.LearningRate,
        TrainLoss = r.TrainLoss,
        IdTrainLoss = r.IdTrain?.Loss, IdTrainAccuracy = r.IdTrain?.Accuracy, IdTrainLastShotAccuracy = r.IdTrain?.LastShotAccuracy,
        IdTestLoss = r.IdTest?.Loss, IdTestAccuracy = r.IdTest?.Accuracy, IdTestLastShotAccuracy = r.IdTest?.LastShotAccuracy,
        OodTrainLoss = r.OodTrain?.Loss, OodTrainAccuracy = r.OodTrain?.Accuracy, OodTrainLastShotAccuracy = r.OodTrain?.LastShotAccuracy,
        OodTestLoss = r.OodTest?.Loss, OodTestAccuracy = r.OodTest?.Accuracy, OodTestLastShotAccuracy = r.OodTest?.LastShotAccuracy,
        PerShotJson = JsonSerializer.Serialize(new
        {
            idTrain = r.IdTrain?.PerShot, idTest = r.IdTest?.PerShot, oodTrain = r.OodTrain?.PerShot, oodTest = r.OodTest?.PerShot,
        }, ConfigJson.Options),
    };

    private async Task PushAsync(List<RunEvent> batch)
    {
        // Log points go out as one message per run per batch.
        foreach (var logged in batch.OfType<RunLogged>().GroupBy(e => e.RunId))
        {
            try
            {
                var points = logged.Select(e => e.Point).ToList();
                var dto = new SeriesPointsDto(logged.Key, points.Select(p => p.Step).ToArray(),
                    points.Select(p => SeriesStore.Finite(p.TrainLoss)).ToArray(), points.Select(p => SeriesStore.Finite(p.LearningRate)).ToArray(),
                    points.Select(p => SeriesStore.Finite(p.GradNorm)).ToArray());
                notifier.Publish(dto);
                await hub.Clients.Group(RunsHub.RunGroup(logged.Key)).SendAsync("series", dto);
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "Live push of series for run {RunId} failed", logged.Key);
            }
        }
        foreach (var e in batch)
        {
            try
            {
                switch (e)
                {
                    case RunEvaluated m:
                        var metric = MetricDto.From(ToEntity(e.RunId, m.Result)) with { EvaluatedAt = m.ReportedAt };
                        notifier.Publish(metric);
                        await hub.Clients.Group(RunsHub.RunGroup(e.RunId)).SendAsync("metric", metric);
                        break;
                    case RunProgress p:
                        var progress = new ProgressDto(e.RunId, p.Progress.Step, p.Progress.TotalSteps, p.Progress.StepsPerSecond,
                            double.IsFinite(p.Progress.EtaSeconds) ? p.Progress.EtaSeconds : null);
                        notifier.Publish(progress);
                        await hub.Clients.Groups(RunsHub.RunGroup(e.RunId), RunsHub.RunListGroup).SendAsync("progress", progress);
                        break;
                    case RunStatusChanged s:
                        var status = new StatusDto(e.RunId, s.Status.ToString(), s.Message);
                        notifier.Publish(status);
                        await hub.Clients.Groups(RunsHub.RunGroup(e.RunId), RunsHub.RunListGroup).SendAsync("status", status);
                        break;
                }
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "Live push for run {RunId} failed", e.RunId);
            }
        }
    }
}
