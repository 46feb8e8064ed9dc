namespace ModArith.Data;

/// <summary>
/// One evaluation of a run at one step. Each of the four evaluation sets gets its own columns
/// so curves can be queried directly; a set's values are null when that set is empty.
/// (RunId, Step) is unique, so resuming a run can never record the same step twice.
/// </summary>
public class MetricPoint
{
    public long Id { get; set; }
    public int RunId { get; set; }
    public int Step { get; set; }

    /// <summary>Seconds of training since the run started, for time-based plots.</summary>
    public double WallSeconds { get; set; }

    public double LearningRate { get; set; }
    public double TrainLoss { get; set; }

    public double? IdTrainLoss { get; set; }
    public double? IdTrainAccuracy { get; set; }
    public double? IdTrainLastShotAccuracy { get; set; }

    public double? IdTestLoss { get; set; }
    public double? IdTestAccuracy { get; set; }
    public double? IdTestLastShotAccuracy { get; set; }

    public double? OodTrainLoss { get; set; }
    public double? OodTrainAccuracy { get; set; }
    public double? OodTrainLastShotAccuracy { get; set; }

    public double? OodTestLoss { get; set; }
    public double? OodTestAccuracy { get; set; }
    public double? OodTestLastShotAccuracy { get; set; }

    /// <summary>
    /// Per-shot accuracies as JSON: {"idTrain":[..],"idTest":[..],"oodTrain":[..],"oodTest":[..]}.
    /// Variable-length, only ever read whole, so one JSON column beats a child table.
    /// </summary>
    public string PerShotJson { get; set; } = "{}";

    // ---- Structure metrics (structureMetrics key); null in runs without them ----------------------

    /// <summary>i.d. tasks, contexts from training pairs, queries from held-out pairs: nothing to copy.</summary>
    public double? IdCopyFreeAccuracy { get; set; }
    /// <summary>The same on unseen (o.o.d.) tasks.</summary>
    public double? OodCopyFreeAccuracy { get; set; }
    /// <summary>How often the model answers as ratio matching does, on queries ratio matching covers.</summary>
    public double? RatioMatchingAgreement { get; set; }
    /// <summary>How often the model answers as modular regression does, on queries only it covers.</summary>
    public double? ModularRegressionAgreement { get; set; }
    /// <summary>Share of the number embeddings' non-constant DFT power in their strongest frequency.</summary>
    public double? EmbeddingTopFrequencyShare { get; set; }

    /// <summary>
    /// Attention patterns per layer and head as compact JSON (the web layer's AttentionSummary codec):
    /// always read whole with the point, never queried by value, so a column beats a child table.
    /// </summary>
    public string? AttentionJson { get; set; }
}
