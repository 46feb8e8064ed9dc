namespace ModArith.Data;

/// <summary>
/// One training run: its config, where it is in its life, and a summary of its best and final
/// accuracies so the run list can be sorted and filtered without reading every metric point.
/// </summary>
public class Run
{
    public int Id { get; set; }

    /// <summary>A human label; not unique, the <see cref="Id"/> identifies the run.</summary>
    public string Name { get; set; } = "";

    /// <summary>The full run config as camelCase JSON, so a run can be reproduced or resumed exactly.</summary>
    public string ConfigJson { get; set; } = "{}";

    /// <summary>The preset the config started from, if any; kept for display and filtering.</summary>
    public string? Preset { get; set; }

    public RunStatus Status { get; set; } = RunStatus.Queued;

    /// <summary>The sweep this run belongs to, if it was launched as part of one.</summary>
    public int? SweepId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The device the run actually trained on (e.g. "cpu", "cuda:0"), known once it starts.</summary>
    public string? Device { get; set; }

    public int Seed { get; set; }

    /// <summary>Why a failed run failed.</summary>
    public string? Error { get; set; }

    /// <summary>Free text the researcher adds after the fact.</summary>
    public string Notes { get; set; } = "";

    /// <summary>Comma-separated labels (none contains a comma); filtering looks for ",tag," in ",Tags,".</summary>
    public string Tags { get; set; } = "";

    /// <summary>Hidden from the runs list unless archived runs are asked for; kept otherwise.</summary>
    public bool Archived { get; set; }

    public int CurrentStep { get; set; }
    public int TotalSteps { get; set; }

    /// <summary>Latest measured throughput, for the ETA shown while running.</summary>
    public double? StepsPerSecond { get; set; }

    /// <summary>Where the run's checkpoint files live, relative to the data directory (older rows: absolute).</summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>
    /// The epoch of the attempt that owns the run: each start or resume takes the next number, and
    /// the store accepts a run's metrics, checkpoints and status only from the attempt holding it, so a
    /// worker presumed dead that comes back can no longer write for a run it lost.
    /// </summary>
    public int Attempt { get; set; }

    /// <summary>The worker holding the run (cluster mode; "embedded" in the single-process mode).</summary>
    public string? Worker { get; set; }

    /// <summary>A cancel asked for while it trains: the executor holding it polls for this, wherever it runs.</summary>
    public DateTimeOffset? CancelRequestedAt { get; set; }

    // Summary, updated at each evaluation: the best values over the run and the latest ones.
    public double? BestIdTrainAccuracy { get; set; }
    public double? BestIdTestAccuracy { get; set; }
    public double? BestOodTrainAccuracy { get; set; }
    public double? BestOodTestAccuracy { get; set; }

    /// <summary>The step at which <see cref="BestOodTestAccuracy"/> was reached.</summary>
    public int? BestOodStep { get; set; }

    public double? FinalIdTrainAccuracy { get; set; }
    public double? FinalIdTestAccuracy { get; set; }
    public double? FinalOodTrainAccuracy { get; set; }
    public double? FinalOodTestAccuracy { get; set; }

    public ICollection<MetricPoint> Metrics { get; set; } = new List<MetricPoint>();
    public ICollection<CheckpointRecord> Checkpoints { get; set; } = new List<CheckpointRecord>();
}
