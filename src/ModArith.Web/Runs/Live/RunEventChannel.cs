using System.Threading.Channels;

namespace ModArith.Web.Runs.Live;

/// <summary>
/// The hand-off between training threads and the database/SignalR writer. Writing never blocks:
/// training must not wait on the database or a browser.
/// </summary>
public sealed class RunEventChannel
{
    private readonly Channel<RunEvent> channel = Channel.CreateUnbounded<RunEvent>(new UnboundedChannelOptions { SingleReader = true });

    public void Publish(RunEvent e) => channel.Writer.TryWrite(e);

    public ChannelReader<RunEvent> Reader => channel.Reader;
}
