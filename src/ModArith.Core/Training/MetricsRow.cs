using ModArith.Core.Data;

namespace ModArith.Core.Training;

/// <summary>
/// One evaluation's scalars: a row of the metrics CSV (the CLI's metrics.csv and the dashboard's export),
/// the structure metrics' among them (null without them).
/// </summary>
public sealed record MetricsRow(int Step, double WallSeconds, double LearningRate, double TrainLoss, EvalSets<SetScalars?> Sets)
{
    public double? IdCopyFreeAccuracy { get; init; }
    public double? OodCopyFreeAccuracy { get; init; }
    public double? RatioMatchingAgreement { get; init; }
    public double? ModularRegressionAgreement { get; init; }
    public double? EmbeddingTopFrequencyShare { get; init; }

    public static MetricsRow From(EvaluationResult r) =>
        new(r.Step, r.WallSeconds, r.LearningRate, r.TrainLoss, EvalSets<SetScalars?>.From(set => SetScalars.From(r[set])))
        {
            IdCopyFreeAccuracy = r.Structure?.IdCopyFreeAccuracy, OodCopyFreeAccuracy = r.Structure?.OodCopyFreeAccuracy,
            RatioMatchingAgreement = r.Structure?.RatioMatchingAgreement, ModularRegressionAgreement = r.Structure?.ModularRegressionAgreement,
            EmbeddingTopFrequencyShare = r.Structure?.EmbeddingTopFrequencyShare,
        };
}
