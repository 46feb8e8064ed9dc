namespace ModArith.Core.Training;

/// <summary>
/// Which evaluation steps get a log-spaced checkpoint: checkpointCount steps spread geometrically
/// between the first evaluation and the last step, each snapped to an evaluation step, so early
/// training (where structure forms fastest) is sampled densely.
/// </summary>
public static class CheckpointSchedule
{
    public static IReadOnlySet<int> LogSpacedSteps(int evalEvery, int totalSteps, int count)
    {
        var steps = new SortedSet<int>();
        if (count <= 0) return steps;
        int first = Math.Min(evalEvery, totalSteps);
        if (count == 1) { steps.Add(totalSteps); return steps; }
        double ratio = Math.Log((double)totalSteps / first);
        for (int i = 0; i < count; i++)
        {
            double raw = first * Math.Exp(ratio * i / (count - 1));
            int snapped = (int)Math.Round(raw / evalEvery) * evalEvery;
            steps.Add(Math.Clamp(snapped, first, totalSteps));
        }
        return steps;
    }

    /// <summary>Evaluations happen every evalEvery steps and at the final step.</summary>
    public static bool IsEvaluationStep(int step, int evalEvery, int totalSteps) =>
        step % evalEvery == 0 || step == totalSteps;
}
