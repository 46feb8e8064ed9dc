using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ModArith.Core.Config;
using ModArith.Core.Training;
using ModArith.Data;
using ModArith.Web.Api;
using ModArith.Web.Runs.Structure;
using ModArith.Web.Series;
using DataCheckpointKind = ModArith.Data.CheckpointKind;

namespace ModArith.Web.Runs.Live;

/// <summary>
/// Drains the event channel in batches: one transaction per run and attempt per batch (metric points,
/// checkpoints, progress, status, run summary), accepted only while that attempt still owns the run
/// (its epoch fences a worker presumed dead), and pushes the same events live through the
/// <see cref="IRunBroadcaster"/> (in-process, or Redis across machines). A store that is briefly
/// unreachable (PostgreSQL restarting) is retried, never skipped: no point is lost or doubled.
/// </summary>
public sealed class RunEventWriter(
    RunEventChannel events,
    IDbContextFactory<ModArithDbContext> dbFactory,
    IRunBroadcaster broadcaster,
    DataPaths paths,
    WriterSettings settings,
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
                // Embedded: metrics and progress go live before the database commit (its fsync is the
                // slow part). Cluster: only what the store accepted goes live, so a fenced attempt's
                // point never reaches a chart. Status changes always after the commit, since pages
                // reload the run when one arrives.
                if (settings.LiveBeforeStore) await PushAsync(batch.Where(e => e is not RunStatusChanged).ToList());
                var accepted = await PersistAsync(batch, stoppingToken);
                await PushAsync((settings.LiveBeforeStore ? accepted.Where(e => e is RunStatusChanged) : accepted).ToList());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }

        // Shutting down: store what the training threads reported last (e.g. Interrupted, handed back), unpushed.
        var rest = new List<RunEvent>();
        while (reader.TryRead(out var e)) rest.Add(e);
        if (rest.Count > 0) await PersistAsync(rest, CancellationToken.None);
    }

    /// <summary>Stores the batch run by run and attempt by attempt; returns the events the store accepted.</summary>
    private async Task<List<RunEvent>> PersistAsync(List<RunEvent> batch, CancellationToken stopping)
    {
        var accepted = new List<RunEvent>();
        foreach (var group in batch.GroupBy(e => (e.RunId, e.Attempt)))
        {
            var events = group.ToList();
            // A front-end's own status change is stored by the front-end itself: live only. Its log
            // lines are stored here, unfenced (no attempt writes them).
            if (group.Key.Attempt is null)
            {
                await PersistFrontEndNotesAsync(events.OfType<RunNoted>().ToList());
                accepted.AddRange(events);
                continue;
            }
            for (int tries = 1; ; tries++)
            {
                try
                {
                    // Never abandon a batch half-way: a shutdown must not lose points that the
                    // training thread has already checkpointed past.
                    if (await PersistRunAsync(group.Key.RunId, group.Key.Attempt.Value, events, CancellationToken.None)) accepted.AddRange(events);
                    else log.LogWarning("Run {RunId}: {Count} events of attempt {Attempt} refused, a newer attempt owns the run", group.Key.RunId, events.Count, group.Key.Attempt);
                    break;
                }
                catch (Exception ex) when (StoreFailures.IsTransient(ex) && tries < settings.MaxStoreTries)
                {
                    log.LogWarning("Run {RunId}: the store is unreachable ({Message}); retrying {Count} events", group.Key.RunId, ex.Message, events.Count);
                    try { await Task.Delay(settings.StoreRetryDelay, stopping); }
                    catch (OperationCanceledException) { await Task.Delay(settings.StoreRetryDelay, CancellationToken.None); }
                }
                catch (Exception ex)
                {
                    log.LogError(ex, "Could not store {Count} run events", events.Count);
                    break;
                }
            }
        }
        return accepted;
    }

    private async Task PersistFrontEndNotesAsync(List<RunNoted> notes)
    {
        if (notes.Count == 0) return;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            db.RunLog.AddRange(notes.Select(n => ToEntry(n, null)));
            await db.SaveChangesAsync();
        }
        catch (Exception ex)
        {
            // The run was deleted meanwhile (its lines would go with it), or the store is down: a log line is not worth blocking on.
            log.LogWarning("Run {RunId}: {Count} log lines not stored: {Message}", notes[0].RunId, notes.Count, ex.Message);
        }
    }

    private static RunLogEntry ToEntry(RunNoted n, int? attempt) => new()
    {
        RunId = n.RunId, At = n.At, Level = n.Level, Message = n.Message, Attempt = attempt, Worker = n.Worker,
    };

    /// <summary>One run's events of one attempt in one transaction, fenced on the attempt; false when it no longer owns the run.</summary>
    private async Task<bool> PersistRunAsync(int runId, int attempt, List<RunEvent> batch, CancellationToken ct)
    {
        // PostgreSQL retries transient failures; a transaction of our own must then run as one retriable unit.
        await using var outer = await dbFactory.CreateDbContextAsync(ct);
        var progressBefore = new Dictionary<int, DateTime>(progressStoredAt);
        return await outer.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            progressStoredAt.Clear();
            foreach (var (k, v) in progressBefore) progressStoredAt[k] = v;
            return await PersistRunOnceAsync(runId, attempt, batch, ct);
        });
    }

    private async Task<bool> PersistRunOnceAsync(int runId, int attempt, List<RunEvent> batch, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A frozen process (SIGSTOP, a long pause) must not keep the run's row locked: PostgreSQL ends
        // this transaction if its client goes quiet inside it, so the run's next attempt can claim it.
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("SET LOCAL idle_in_transaction_session_timeout = '5s'", ct);
        // The fence: this row lock (PostgreSQL) or write lock (SQLite) is taken only while the attempt
        // still owns the run; a newer attempt's claim and this transaction cannot interleave.
        int owned = await db.Runs.Where(r => r.Id == runId && r.Attempt == attempt).ExecuteUpdateAsync(s => s.SetProperty(r => r.Attempt, attempt), ct);
        if (owned == 0) return false;
        var run = await db.Runs.FirstAsync(r => r.Id == runId, ct);
        // Per-step curve points: appended to the run's packed chunks, a batch at a time.
        var logged = batch.OfType<RunLogged>().Select(e => ToPoint(e.Point)).ToList();
        if (logged.Count > 0) await SeriesStore.AppendAsync(db, runId, logged, ct);
        foreach (var e in batch)
        {
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
                    await RecordCheckpointAsync(db, run.Id, c.Checkpoint with { Path = paths.ToStored(c.Checkpoint.Path) }, ct);
                    break;
                case RunNoted n:
                    db.RunLog.Add(ToEntry(n, attempt));
                    break;
                case RunSystemSampled sys:
                    db.SystemSamples.Add(new SystemSample
                    {
                        RunId = run.Id, At = sys.Sample.At, Attempt = attempt, Step = sys.Sample.Step, CpuPercent = sys.Sample.CpuPercent,
                        MemoryBytes = sys.Sample.MemoryBytes, Threads = sys.Sample.Threads, Cores = sys.Sample.Cores,
                    });
                    break;
                case RunStatusChanged st:
                    run.Status = st.Status;
                    if (st.Status is RunStatus.Failed) run.Error = st.Message;
                    if (st.Status is not (RunStatus.Running or RunStatus.Queued)) run.FinishedAt = DateTimeOffset.UtcNow;
                    break;
            }
        }
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Log-spaced checkpoints accumulate; "last" and "best-o.o.d." are one file each, so one row each.</summary>
    private static async Task RecordCheckpointAsync(ModArithDbContext db, int runId, CheckpointInfo c, CancellationToken ct)
    {
        // The engine's kind and the stored one are two enums (Data does not reference the engine and its
        // native libraries) with the same names, stored as text; CheckpointKindTests keeps them equal.
        var kind = Enum.Parse<DataCheckpointKind>(c.Kind.ToString());
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
        IdCopyFreeAccuracy = r.Structure?.IdCopyFreeAccuracy,
        OodCopyFreeAccuracy = r.Structure?.OodCopyFreeAccuracy,
        RatioMatchingAgreement = r.Structure?.RatioMatchingAgreement,
        ModularRegressionAgreement = r.Structure?.ModularRegressionAgreement,
        EmbeddingTopFrequencyShare = r.Structure?.EmbeddingTopFrequencyShare,
        AttentionJson = AttentionColumn.Encode(r.Structure?.Attention),
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
                await broadcaster.SeriesAsync(dto);
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
                        await broadcaster.MetricAsync(MetricDto.From(ToEntity(e.RunId, m.Result)) with { EvaluatedAt = m.ReportedAt });
                        break;
                    case RunProgress p:
                        await broadcaster.ProgressAsync(new ProgressDto(e.RunId, p.Progress.Step, p.Progress.TotalSteps, p.Progress.StepsPerSecond,
                            double.IsFinite(p.Progress.EtaSeconds) ? p.Progress.EtaSeconds : null));
                        break;
                    case RunStatusChanged s:
                        await broadcaster.StatusAsync(new StatusDto(e.RunId, s.Status.ToString(), s.Message));
                        break;
                    case RunNoted n:
                        await broadcaster.LogAsync(Telemetry.RunLogLineDto.From(ToEntry(n, n.Attempt)));
                        break;
                    case RunSystemSampled sys:
                        await broadcaster.SystemAsync(new Telemetry.SystemSampleDto(e.RunId, sys.Sample.At, e.Attempt ?? 0, sys.Sample.Step,
                            sys.Sample.CpuPercent, sys.Sample.MemoryBytes, sys.Sample.Threads, sys.Sample.Cores));
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
