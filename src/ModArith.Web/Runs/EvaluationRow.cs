using ModArith.Core.Data;

namespace ModArith.Web.Runs;

/// <summary>The scalars of one evaluation that curves are drawn from (no per-shot JSON: cheap to read for many runs).</summary>
public sealed record EvaluationRow(int RunId, int Step, double WallSeconds, double TrainLoss, EvalSets<double?> Accuracies);
