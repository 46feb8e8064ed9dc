namespace ModArith.Data;

/// <summary>
/// A grid of runs launched together (n_id × alpha, optionally depth and seed, over one base
/// config). Its status is derived from its runs; only a cancel request is stored.
/// </summary>
public class Sweep
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The sweep as submitted (name, description, base, grid), camelCase JSON: enough to launch it again.</summary>
    public string SpecJson { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the whole sweep was cancelled, if it was.</summary>
    public DateTimeOffset? CancelledAt { get; set; }

    public ICollection<Run> Runs { get; set; } = new List<Run>();
}
