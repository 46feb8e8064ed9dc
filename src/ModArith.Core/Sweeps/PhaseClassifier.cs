namespace ModArith.Core.Sweeps;

/// <summary>Reads the paper's phase of a run from its four accuracies (see <see cref="PhaseThresholds"/> for when a set is solved).</summary>
public static class PhaseClassifier
{
    /// <summary>Whether a set's accuracy is far enough above chance (1/p) to count as solved.</summary>
    public static bool IsSolved(double? accuracy, int p, PhaseThresholds thresholds)
    {
        if (accuracy is not double a || p < 2) return false;
        double chance = 1.0 / p;
        return (a - chance) / (1 - chance) >= thresholds.Solved;
    }

    /// <summary>The phase of one evaluation; null when nothing was evaluated.</summary>
    public static Phase? Classify(FourAccuracies a, int p, PhaseThresholds thresholds)
    {
        if (a.IdTrain is null) return null;
        bool idTrain = IsSolved(a.IdTrain, p, thresholds);
        bool idTest = IsSolved(a.IdTest, p, thresholds);
        bool oodTrain = IsSolved(a.OodTrain, p, thresholds);
        bool oodTest = IsSolved(a.OodTest, p, thresholds);
        if (!idTrain) return Phase.NotLearned;
        if (idTest && oodTrain && oodTest) return Phase.OodGeneralization;
        // Unseen tasks solved on seen pairs only: the pairs, not the rule, were learned.
        if (oodTrain) return Phase.OodMemorization;
        return idTest ? Phase.IdGeneralization : Phase.IdMemorization;
    }

    /// <summary>Phases at the best-o.o.d. point and at the end, and whether the o.o.d. peak was lost.</summary>
    public static RunPhases Classify(FourAccuracies? atBestOod, FourAccuracies? atEnd, int p, PhaseThresholds thresholds)
    {
        bool transient = IsTransient(atBestOod?.OodTest, atEnd?.OodTest, thresholds);
        return new RunPhases(
            atBestOod is null ? null : Classify(atBestOod, p, thresholds),
            atEnd is null ? null : Classify(atEnd, p, thresholds),
            transient);
    }

    /// <summary>Whether the final o.o.d. test accuracy fell more than the margin below its peak.</summary>
    public static bool IsTransient(double? peakOodTest, double? finalOodTest, PhaseThresholds thresholds) =>
        peakOodTest is double peak && finalOodTest is double last && peak - last > thresholds.TransientMargin;

    /// <summary>
    /// From a run's evaluation history in step order: the best-o.o.d. point is the first with the
    /// highest o.o.d. test accuracy (as training keeps its checkpoint), the end is the last point.
    /// </summary>
    public static RunPhases Classify(IReadOnlyList<AccuracyPoint> history, int p, PhaseThresholds thresholds)
    {
        if (history.Count == 0) return new RunPhases(null, null, false);
        AccuracyPoint? best = null;
        foreach (var point in history)
            if (point.Accuracies.OodTest is double ood && (best is null || ood > best.Accuracies.OodTest))
                best = point;
        return Classify((best ?? history[^1]).Accuracies, history[^1].Accuracies, p, thresholds);
    }
}
