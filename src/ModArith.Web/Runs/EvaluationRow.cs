using ModArith.Core.Data;

namespace ModArith.Web.Runs;

/// <summary>The scalars of one evaluation that curves are drawn from (no per-shot JSON: cheap to read for many runs).</summary>
public sealed record EvaluationRow(int RunId, int Step, double WallSeconds, double TrainLoss, EvalSets<double?> Accuracies)
{
    // The structure scalars (null in runs without them), for Compare's structure chart.
    public double? IdCopyFreeAccuracy { get; init; }
    public double? OodCopyFreeAccuracy { get; init; }
    public double? RatioMatchingAgreement { get; init; }
    public double? ModularRegressionAgreement { get; init; }
    public double? EmbeddingTopFrequencyShare { get; init; }
}
