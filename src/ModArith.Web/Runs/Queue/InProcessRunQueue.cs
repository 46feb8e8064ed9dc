using System.Threading.Channels;
using ModArith.Data;

namespace ModArith.Web.Runs.Queue;

/// <summary>The embedded mode's queue: run ids waiting for this process's <see cref="InProcessRunner"/>.</summary>
public sealed class InProcessRunQueue : IRunQueue
{
    private readonly Channel<int> pending = Channel.CreateUnbounded<int>();

    public void Enqueue(Run run) => Enqueue(run.Id);

    public void Enqueue(int runId) => pending.Writer.TryWrite(runId);

    public ChannelReader<int> Pending => pending.Reader;
}
