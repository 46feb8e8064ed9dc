namespace ModArith.Cli.Output;

/// <summary>The files a CLI run writes: resolved config, metrics (CSV + JSONL), per-step curves (CSV) and checkpoints.</summary>
public sealed class RunDirectory(string root)
{
    public string Root { get; } = Path.GetFullPath(root);
    public string ConfigPath => Path.Combine(Root, "config.json");
    public string MetricsCsvPath => Path.Combine(Root, "metrics.csv");
    public string MetricsJsonlPath => Path.Combine(Root, "metrics.jsonl");
    /// <summary>The per-step curves (every logEvery steps), as the dashboard's per-step CSV.</summary>
    public string SeriesCsvPath => Path.Combine(Root, "series.csv");
    public string CheckpointDirectory => Path.Combine(Root, "checkpoints");
    public string LastCheckpointPath => Path.Combine(CheckpointDirectory, "last.ckpt");

    /// <summary>A new run needs an absent or empty directory, so no earlier run is overwritten.</summary>
    public bool IsFreeForNewRun => !Directory.Exists(Root) || !Directory.EnumerateFileSystemEntries(Root).Any();
}
