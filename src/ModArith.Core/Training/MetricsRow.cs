using ModArith.Core.Data;

namespace ModArith.Core.Training;

/// <summary>One evaluation's scalars: a row of the metrics CSV (the CLI's metrics.csv and the dashboard's export).</summary>
public sealed record MetricsRow(int Step, double WallSeconds, double LearningRate, double TrainLoss, EvalSets<SetScalars?> Sets)
{
    public static MetricsRow From(EvaluationResult r) =>
        new(r.Step, r.WallSeconds, r.LearningRate, r.TrainLoss, EvalSets<SetScalars?>.From(set => SetScalars.From(r[set])));
}
