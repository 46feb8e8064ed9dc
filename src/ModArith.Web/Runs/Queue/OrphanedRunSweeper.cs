using Hangfire;
using Hangfire.Storage;
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
/// a Hangfire distributed lock lets one sweep at a time. A run seen without a live job in two sweeps
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
        using var connection = storage.GetConnection();
        IDisposable held;
        try { held = connection.AcquireDistributedLock("modarith:orphaned-run-sweep", TimeSpan.Zero); }
        catch (DistributedLockTimeoutException) { return []; } // another front-end is sweeping
        using (held)
        {
            // Runs first, jobs second: a run stored after this read is not looked at, and a job
            // created after it is still seen below.
            await using var db = await dbFactory.CreateDbContextAsync(ct);
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
    }

    /// <summary>The run ids of every job Hangfire still means to run: waiting in a queue, fetched, processing or scheduled.</summary>
    private HashSet<int> RunsWithLiveJobs()
    {
        const int All = int.MaxValue;
        var monitor = storage.GetMonitoringApi();
        var jobs = new List<Hangfire.Common.Job?>();
        foreach (var q in monitor.Queues())
        {
            jobs.AddRange(monitor.EnqueuedJobs(q.Name, 0, All).Select(j => j.Value?.Job));
            jobs.AddRange(monitor.FetchedJobs(q.Name, 0, All).Select(j => j.Value?.Job));
        }
        jobs.AddRange(monitor.ProcessingJobs(0, All).Select(j => j.Value?.Job));
        jobs.AddRange(monitor.ScheduledJobs(0, All).Select(j => j.Value?.Job));
        return jobs.Where(j => j?.Type == typeof(RunJob) && j.Args.Count > 0 && j.Args[0] is int)
            .Select(j => (int)j!.Args[0]).ToHashSet();
    }
}
