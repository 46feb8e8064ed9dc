using ModArith.Core.Training;
using ModArith.Data;

namespace ModArith.Web.Runs;

/// <summary>Keeps a run's best and latest accuracies current as evaluations arrive.</summary>
public static class RunSummary
{
    public static void Update(Run run, EvaluationResult r)
    {
        run.FinalIdTrainAccuracy = r.IdTrain?.Accuracy;
        run.FinalIdTestAccuracy = r.IdTest?.Accuracy;
        run.FinalOodTrainAccuracy = r.OodTrain?.Accuracy;
        run.FinalOodTestAccuracy = r.OodTest?.Accuracy;
        run.BestIdTrainAccuracy = Max(run.BestIdTrainAccuracy, r.IdTrain?.Accuracy);
        run.BestIdTestAccuracy = Max(run.BestIdTestAccuracy, r.IdTest?.Accuracy);
        run.BestOodTrainAccuracy = Max(run.BestOodTrainAccuracy, r.OodTrain?.Accuracy);
        if (r.OodTest?.Accuracy is double ood && (run.BestOodTestAccuracy is null || ood > run.BestOodTestAccuracy))
        {
            run.BestOodTestAccuracy = ood;
            run.BestOodStep = r.Step;
        }
    }

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
