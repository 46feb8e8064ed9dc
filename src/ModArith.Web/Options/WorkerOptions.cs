namespace ModArith.Web.Options;

/// <summary>A worker process's own settings (section "Worker"); everything else is shared with the web app.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Unique in the cluster; shown on the Workers page and on the runs it holds. Default: the host name.</summary>
    public string Name { get; set; } = Environment.MachineName;

    /// <summary>Training devices, each one slot by default: "cpu", or "cuda:0", "cuda:1", ….</summary>
    public string[] Devices { get; set; } = ["cpu"];

    /// <summary>Runs trained at once (0 = one per device). They share Dashboard:ThreadBudget.</summary>
    public int Slots { get; set; }

    public int EffectiveSlots => Slots > 0 ? Slots : Math.Max(1, Devices.Length);

    /// <summary>Hangfire queues served: "cuda" (and "cpu") when a CUDA device is listed, else "cpu".</summary>
    public string[] Queues => Devices.Any(d => d.StartsWith("cuda", StringComparison.OrdinalIgnoreCase)) ? ["cuda", "cpu"] : ["cpu"];
}
