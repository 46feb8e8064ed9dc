using System.ComponentModel;
using Hangfire;
using Microsoft.Extensions.Options;
using ModArith.Web.Options;

namespace ModArith.Web.Runs.Queue;

/// <summary>
/// The Hangfire job that trains one run on a worker. Never retried automatically (a failed run
/// stays failed until someone resumes it); a run whose worker died is delivered again by Hangfire
/// after the invisibility timeout and resumes from its last checkpoint.
/// </summary>
public sealed class RunJob(RunExecutor executor, IOptions<Options.DashboardOptions> dashboard, IOptions<WorkerOptions> worker, ILogger<RunJob> log)
{
    /// <summary>How long a job waits for an unreachable store before giving the run up (it can be resumed).</summary>
    private static readonly TimeSpan StoreWait = TimeSpan.FromMinutes(5);

    [AutomaticRetry(Attempts = 0)]
    [DisplayName("run {0}")]
    public void Train(int runId, IJobCancellationToken jobToken)
    {
        // Cancelled when this worker stops, or when Hangfire finds the job taken over by another worker.
        var cancellationToken = jobToken.ShutdownToken;
        var deadline = DateTime.UtcNow + StoreWait;
        while (true)
        {
            ExecutionOutcome outcome;
            try
            {
                outcome = executor.Execute(runId, ThreadsPerRun(), cancellationToken);
            }
            catch (Exception e) when (Live.StoreFailures.IsTransient(e) && DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
            {
                // The store was unreachable before the run could even be claimed (e.g. PostgreSQL restarting).
                log.LogWarning("Run {RunId}: the store is unreachable ({Message}); trying again", runId, e.Message);
                cancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(2));
                continue;
            }
            if (outcome is ExecutionOutcome.Stopped or ExecutionOutcome.Fenced)
            {
                // A worker stopping hands the run back: ending the job cancelled leaves it in its queue.
                // A job taken over by another worker ends aborted, so this (presumed dead) worker does not
                // mark it succeeded under the feet of the worker that now holds it.
                jobToken.ThrowIfCancellationRequested();
                if (outcome == ExecutionOutcome.Fenced) throw new Hangfire.Server.JobAbortedException();
            }
            return;
        }
    }

    /// <summary>The worker's thread budget split between its slots (libtorch's thread count is per process).</summary>
    private int ThreadsPerRun()
    {
        int budget = dashboard.Value.ThreadBudget > 0 ? dashboard.Value.ThreadBudget : Environment.ProcessorCount;
        return Math.Max(1, budget / worker.Value.EffectiveSlots);
    }
}
