using System.Collections.Concurrent;
using System.Threading.Channels;

namespace ModArith.Web.Jobs;

/// <summary>Runs waiting to train, and the cancellation handles of those training now.</summary>
public sealed class RunQueue
{
    private readonly Channel<int> pending = Channel.CreateUnbounded<int>();
    private readonly ConcurrentDictionary<int, CancellationTokenSource> active = new();

    public void Enqueue(int runId) => pending.Writer.TryWrite(runId);

    public ChannelReader<int> Pending => pending.Reader;

    public bool IsActive(int runId) => active.ContainsKey(runId);

    internal CancellationTokenSource Activate(int runId, CancellationToken shutdown)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        active[runId] = cts;
        return cts;
    }

    internal void Deactivate(int runId)
    {
        if (active.TryRemove(runId, out var cts)) cts.Dispose();
    }

    /// <summary>Asks a training run to stop after its current step. False when it is not training.</summary>
    public bool CancelActive(int runId)
    {
        if (!active.TryGetValue(runId, out var cts)) return false;
        cts.Cancel();
        return true;
    }
}
