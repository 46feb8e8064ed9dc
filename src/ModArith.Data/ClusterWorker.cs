namespace ModArith.Data;

/// <summary>
/// A worker process of the cluster mode, as it last reported itself. Its heartbeat is how
/// operators (and the Workers page) tell a live worker from one that went away; which runs it
/// holds is read from <see cref="Run.Worker"/>.
/// </summary>
public class ClusterWorker
{
    /// <summary>The worker's configured name (Worker:Name), unique in the cluster.</summary>
    public string Name { get; set; } = "";

    public string Host { get; set; } = "";
    public int Pid { get; set; }

    /// <summary>Its training devices, comma-separated (e.g. "cpu" or "cuda:0,cuda:1").</summary>
    public string Devices { get; set; } = "";

    /// <summary>Runs it trains at once.</summary>
    public int Slots { get; set; }

    /// <summary>The build it runs (informational version), so mixed versions in a cluster show up.</summary>
    public string Version { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LastHeartbeatAt { get; set; }

    /// <summary>Set when it stopped cleanly (its runs were handed back to the queue).</summary>
    public DateTimeOffset? StoppedAt { get; set; }
}
