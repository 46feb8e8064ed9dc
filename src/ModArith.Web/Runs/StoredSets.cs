using ModArith.Core.Data;
using ModArith.Core.Training;
using ModArith.Data;
using ModArith.Web.Api;

namespace ModArith.Web.Runs;

/// <summary>
/// The stored evaluation's four sets as one typed value: the database keeps a column per set and
/// scalar (so runs can be sorted and filtered in SQL); everything else reads them through here.
/// </summary>
public static class StoredSets
{
    public static EvalSets<SetScalars?> Sets(this MetricPoint m) => new(
        Of(m.IdTrainLoss, m.IdTrainAccuracy, m.IdTrainLastShotAccuracy), Of(m.IdTestLoss, m.IdTestAccuracy, m.IdTestLastShotAccuracy),
        Of(m.OodTrainLoss, m.OodTrainAccuracy, m.OodTrainLastShotAccuracy), Of(m.OodTestLoss, m.OodTestAccuracy, m.OodTestLastShotAccuracy));

    public static EvalSets<SetScalars?> Sets(this MetricDto m) => new(
        Of(m.IdTrainLoss, m.IdTrainAccuracy, m.IdTrainLastShotAccuracy), Of(m.IdTestLoss, m.IdTestAccuracy, m.IdTestLastShotAccuracy),
        Of(m.OodTrainLoss, m.OodTrainAccuracy, m.OodTrainLastShotAccuracy), Of(m.OodTestLoss, m.OodTestAccuracy, m.OodTestLastShotAccuracy));

    /// <summary>The stored evaluation as a row of the metrics CSV.</summary>
    public static MetricsRow Row(this MetricPoint m) => new(m.Step, m.WallSeconds, m.LearningRate, m.TrainLoss, m.Sets())
    {
        IdCopyFreeAccuracy = m.IdCopyFreeAccuracy, OodCopyFreeAccuracy = m.OodCopyFreeAccuracy, RatioMatchingAgreement = m.RatioMatchingAgreement,
        ModularRegressionAgreement = m.ModularRegressionAgreement, EmbeddingTopFrequencyShare = m.EmbeddingTopFrequencyShare,
    };

    /// <summary>The run's best accuracy of each set over its evaluations so far.</summary>
    public static EvalSets<double?> BestAccuracies(this Run r) => new(r.BestIdTrainAccuracy, r.BestIdTestAccuracy, r.BestOodTrainAccuracy, r.BestOodTestAccuracy);

    /// <summary>The run's accuracy of each set at its latest evaluation.</summary>
    public static EvalSets<double?> FinalAccuracies(this Run r) => new(r.FinalIdTrainAccuracy, r.FinalIdTestAccuracy, r.FinalOodTrainAccuracy, r.FinalOodTestAccuracy);

    /// <summary>An empty set (no pairs, e.g. test pairs at alpha = 1) has no scalars.</summary>
    private static SetScalars? Of(double? loss, double? accuracy, double? lastShot) =>
        loss is null && accuracy is null && lastShot is null ? null : new(loss, accuracy, lastShot);
}
