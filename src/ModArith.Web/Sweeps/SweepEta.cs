namespace ModArith.Web.Sweeps;

/// <summary>
/// Time left for a sweep: the steps its queued and running runs still have to take, over the
/// combined speed of the runs training now. That assumes the job runner keeps as many runs going
/// as now until the end (true while queued runs remain; near the end, with fewer runs than slots,
/// the estimate is optimistic). Null when nothing is training, so there is no speed to go by.
/// </summary>
public static class SweepEta
{
    /// <param name="live">The newest progress of running runs, by run id (fresher than <paramref name="runs"/>).</param>
    public static double? Seconds(IEnumerable<SweepRunDto> runs, IReadOnlyDictionary<int, (int Step, double StepsPerSecond)>? live = null)
    {
        double remaining = 0, speed = 0;
        foreach (var run in runs)
        {
            if (run.Status is not ("Queued" or "Running")) continue;
            var (step, stepsPerSecond) = live is not null && live.TryGetValue(run.Id, out var now) ? now : (run.CurrentStep, run.StepsPerSecond ?? 0);
            remaining += Math.Max(0, run.TotalSteps - step);
            if (run.Status == "Running") speed += stepsPerSecond;
        }
        return speed > 0 ? remaining / speed : null;
    }

    /// <summary>Combined steps/s of the runs training now.</summary>
    public static double StepsPerSecond(IEnumerable<SweepRunDto> runs, IReadOnlyDictionary<int, (int Step, double StepsPerSecond)>? live = null) =>
        runs.Where(r => r.Status == "Running")
            .Sum(r => live is not null && live.TryGetValue(r.Id, out var now) ? now.StepsPerSecond : r.StepsPerSecond ?? 0);
}
