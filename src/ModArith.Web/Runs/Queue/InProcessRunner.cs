using Microsoft.Extensions.Options;
using ModArith.Web.Options;

namespace ModArith.Web.Runs.Queue;

/// <summary>
/// The embedded mode's runner: takes runs from the in-process queue and trains each on its own
/// dedicated thread (TorchSharp's dispose scopes and grad mode are per thread), at most
/// MaxConcurrentRuns at once, sharing one CPU-thread budget, through the same
/// <see cref="RunExecutor"/> a cluster worker's Hangfire job calls.
/// </summary>
public sealed class InProcessRunner(
    InProcessRunQueue queue,
    RunExecutor executor,
    IOptions<DashboardOptions> options,
    ILogger<InProcessRunner> log) : BackgroundService
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
                var thread = new Thread(() =>
                {
                    try { executor.Execute(runId, ThreadsPerRun(), stoppingToken); }
                    catch (Exception e) { log.LogError(e, "Run {RunId} could not be started", runId); }
                    finally { free.Release(); }
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
}
