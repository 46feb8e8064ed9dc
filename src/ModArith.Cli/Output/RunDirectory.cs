namespace ModArith.Cli.Output;

/// <summary>The files a CLI run writes: resolved config, metrics (CSV + JSONL) and checkpoints.</summary>
public sealed class RunDirectory(string root)
{
    public string Root { get; } = Path.GetFullPath(root);
    public string ConfigPath => Path.Combine(Root, "config.json");
    public string MetricsCsvPath => Path.Combine(Root, "metrics.csv");
    public string MetricsJsonlPath => Path.Combine(Root, "metrics.jsonl");
    public string CheckpointDirectory => Path.Combine(Root, "checkpoints");
    public string LastCheckpointPath => Path.Combine(CheckpointDirectory, "last.ckpt");

    /// <summary>A new run needs an absent or empty directory, so no earlier run is overwritten.</summary>
    public bool IsFreeForNewRun => !Directory.Exists(Root) || !Directory.EnumerateFileSystemEntries(Root).Any();
}
