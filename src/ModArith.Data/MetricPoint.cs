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
}
