namespace ModArith.Web.Sweeps;

/// <summary>
/// Time left for a sweep: the steps its queued and running runs still have to take, over the
/// combined speed of the runs training now. That assumes the job runner keeps as many runs going
/// as now until the end (true while queued runs remain; near the end, with fewer runs than slots,
/// the estimate is optimistic). Null when nothing is training, so there is no speed to go by.
/// The live progress of running runs, by run id, is fresher than the stored runs between evaluations.
/// </summary>
public static class SweepEta
{
    public static double? Seconds(IEnumerable<SweepRunDto> runs, IReadOnlyDictionary<int, (int Step, double StepsPerSecond)>? live = null)
    {
        var unfinished = runs.Where(r => r.Status is "Queued" or "Running").ToList();
        double remaining = unfinished.Sum(r => Math.Max(0, r.TotalSteps - Now(r, live).Step));
        double speed = StepsPerSecond(unfinished, live);
        return speed > 0 ? remaining / speed : null;
    }

    /// <summary>Combined steps/s of the runs training now.</summary>
    public static double StepsPerSecond(IEnumerable<SweepRunDto> runs, IReadOnlyDictionary<int, (int Step, double StepsPerSecond)>? live = null) =>
        runs.Where(r => r.Status == "Running").Sum(r => Now(r, live).StepsPerSecond);

    /// <summary>
    /// A run's step and speed: the live progress when there is some, else the stored values. The step
    /// never goes back (a reload can be newer than the last progress seen).
    /// </summary>
    public static (int Step, double StepsPerSecond) Now(SweepRunDto run, IReadOnlyDictionary<int, (int Step, double StepsPerSecond)>? live) =>
        live is not null && live.TryGetValue(run.Id, out var now)
            ? (Math.Max(now.Step, run.CurrentStep), now.StepsPerSecond)
            : (run.CurrentStep, run.StepsPerSecond ?? 0);
}
