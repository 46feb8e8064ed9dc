using Microsoft.EntityFrameworkCore;
using ModArith.Data;

namespace ModArith.Web.Runs.Queue;

/// <summary>
/// Polls the store while an attempt trains: a cancel request (stored by whichever front-end got it)
/// or the run having passed to a newer attempt stops training. Cancellation is a stored request, not
/// an in-memory token, so it reaches the run on whatever machine holds it.
/// </summary>
public sealed class RunWatch : IDisposable
{
    private readonly IDbContextFactory<ModArithDbContext> dbFactory;
    private readonly int runId;
    private readonly int attempt;
    private readonly CancellationTokenSource stop = new();
    private readonly Timer timer;
    private int polling;

    public RunWatch(IDbContextFactory<ModArithDbContext> dbFactory, int runId, int attempt, TimeSpan interval)
    {
        this.dbFactory = dbFactory;
        this.runId = runId;
        this.attempt = attempt;
        timer = new Timer(_ => Poll(), null, interval, interval);
    }

    public CancellationToken Token => stop.Token;

    /// <summary>A user asked to cancel the run.</summary>
    public bool CancelRequested { get; private set; }

    /// <summary>A newer attempt owns the run: this one must stop and write nothing more.</summary>
    public bool Lost { get; private set; }

    /// <summary>Polls once now (e.g. when training stopped for another reason, to tell a lost run from a stop).</summary>
    public void CheckNow() => Poll(wait: true);

    private void Poll(bool wait = false)
    {
        // Timer ticks skip while a poll is in flight (the store may be slow to answer); CheckNow waits for it.
        while (Interlocked.Exchange(ref polling, 1) == 1)
        {
            if (!wait) return;
            Thread.Sleep(10);
        }
        try
        {
            using var db = dbFactory.CreateDbContext();
            var now = db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => new { r.Attempt, r.CancelRequestedAt }).FirstOrDefault();
            if (now is null || now.Attempt != attempt) Lost = true;
            else if (now.CancelRequestedAt is not null) CancelRequested = true;
            if (Lost || CancelRequested) stop.Cancel();
        }
        catch (Exception)
        {
            // The store is unreachable (e.g. restarting): keep training; the writer retries its batches.
        }
        finally
        {
            Volatile.Write(ref polling, 0);
        }
    }

    public void Dispose()
    {
        timer.Dispose();
        stop.Dispose();
    }
}
