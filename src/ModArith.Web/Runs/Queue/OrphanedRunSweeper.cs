using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModArith.Data;
using ModArith.Web.Options;

namespace ModArith.Web.Runs.Queue;

/// <summary>
/// The cluster's safety net for runs stored as Queued or Running that no Hangfire job will ever
/// train: a front-end that died between storing a run and enqueueing its job, or a job deleted or
/// failed outside the run's own error handling. A dead worker's run is not one of them (its job stays
/// Processing, and Hangfire hands it on after the invisibility timeout). Every front-end runs this;
/// a PostgreSQL advisory lock lets one sweep at a time (it goes with the connection, so a front-end
/// or database that dies mid-sweep cannot leave it held). A run seen without a live job in two sweeps
/// in a row (so one being enqueued right now is not taken for lost) is enqueued again, and resumes
/// from its last checkpoint like any handed-on run.
/// </summary>
public sealed class OrphanedRunSweeper(
    JobStorage storage,
    IRunQueue queue,
    IDbContextFactory<ModArithDbContext> dbFactory,
    IOptions<ClusterOptions> options,
    ILogger<OrphanedRunSweeper> log) : BackgroundService
{
    /// <summary>Runs found without a live job in the previous sweep of this process.</summary>
    private HashSet<int> suspects = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.OrphanSweepSeconds));
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try { await SweepAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // The store or Hangfire briefly unreachable: the next tick tries again.
                log.LogWarning("Orphaned-run sweep failed: {Message}", e.Message);
            }
        }
    }

    /// <summary>One sweep; returns the runs enqueued again.</summary>
    public async Task<IReadOnlyList<int>> SweepAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        if (!await AdvisoryLockAsync(db, "pg_try_advisory_lock", ct)) return []; // another front-end is sweeping
        try
        {
            // Runs first, jobs second: a run stored after this read is not looked at, and a job
            // created after it is still seen below.
            var waiting = await db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Queued || r.Status == RunStatus.Running).ToListAsync(ct);
            var served = RunsWithLiveJobs();
            var without = waiting.Where(r => !served.Contains(r.Id)).ToList();
            var orphaned = without.Where(r => suspects.Contains(r.Id)).ToList();
            suspects = without.Select(r => r.Id).Except(orphaned.Select(r => r.Id)).ToHashSet();
            foreach (var run in orphaned)
            {
                log.LogWarning("Run {RunId} ({Status}) had no Hangfire job to train it: queued again", run.Id, run.Status);
                queue.Enqueue(run);
            }
            return orphaned.Select(r => r.Id).ToList();
        }
        finally
        {
            await AdvisoryLockAsync(db, "pg_advisory_unlock", CancellationToken.None);
        }
    }

    /// <summary>This sweep's advisory lock key: any fixed number, here the ASCII bytes of "modari".</summary>
    private const long LockKey = 0x6d6f64617269;

    private static async Task<bool> AdvisoryLockAsync(ModArithDbContext db, string function, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT {function}({LockKey})";
        return await command.ExecuteScalarAsync(ct) is true;
    }

    /// <summary>The run ids of every job Hangfire still means to run: waiting in a queue, fetched, processing or scheduled.</summary>
    private HashSet<int> RunsWithLiveJobs()
    {
        const int All = 100_000; // more jobs than a lab queues at once
        var monitor = storage.GetMonitoringApi();
        var jobs = new List<Hangfire.Common.Job?>();
        // A queue can still hold a job that has left the state it was queued in (deleted, say): such
        // an entry is skipped by the worker that fetches it, so it does not count.
        foreach (var q in monitor.Queues())
        {
            jobs.AddRange(monitor.EnqueuedJobs(q.Name, 0, All).Where(j => j.Value is { InEnqueuedState: true }).Select(j => j.Value.Job));
            jobs.AddRange(monitor.FetchedJobs(q.Name, 0, All).Where(j => j.Value?.State is "Enqueued" or "Processing").Select(j => j.Value.Job));
        }
        jobs.AddRange(monitor.ProcessingJobs(0, All).Where(j => j.Value is { InProcessingState: true }).Select(j => j.Value.Job));
        jobs.AddRange(monitor.ScheduledJobs(0, All).Where(j => j.Value is { InScheduledState: true }).Select(j => j.Value.Job));
        return jobs.Where(j => j?.Type == typeof(RunJob) && j.Args.Count > 0 && j.Args[0] is int)
            .Select(j => (int)j!.Args[0]).ToHashSet();
    }
}
