namespace ModArith.Web.Runs;

/// <summary>
/// When a run reached a step, in seconds of training since it started: exact at evaluations (they
/// record it), linear between them, and extended at the last evaluations' pace beyond the last one.
/// Per-step points carry no time of their own; this places them on a time axis.
/// </summary>
public sealed class StepClock
{
    private readonly List<(int Step, double Seconds)> marks = [(0, 0)];

    public StepClock(IEnumerable<EvaluationRow> evaluations)
    {
        foreach (var e in evaluations.OrderBy(e => e.Step)) Add(e.Step, e.WallSeconds);
    }

    /// <summary>Adds a known (step, seconds) pair after the last one (a live evaluation).</summary>
    public void Add(int step, double seconds)
    {
        if (step > marks[^1].Step && seconds >= marks[^1].Seconds) marks.Add((step, seconds));
    }

    public double Seconds(int step)
    {
        if (marks.Count == 1) return double.NaN; // no evaluation yet: no pace known
        int i = FirstAtOrAfter(step);
        var (a, b) = i switch
        {
            0 => (marks[0], marks[1]),
            < 0 => (marks[^2], marks[^1]),
            _ => (marks[i - 1], marks[i]),
        };
        return a.Seconds + (step - a.Step) * (b.Seconds - a.Seconds) / Math.Max(1, b.Step - a.Step);
    }

    private static readonly Comparer<(int Step, double Seconds)> ByStep = Comparer<(int Step, double Seconds)>.Create((a, b) => a.Step.CompareTo(b.Step));

    /// <summary>Index of the first mark at or after <paramref name="step"/>, or -1 (a binary search: a chart asks for every point).</summary>
    private int FirstAtOrAfter(int step)
    {
        int i = marks.BinarySearch((step, 0), ByStep); // marks' steps are distinct and ascending (see Add)
        if (i < 0) i = ~i;
        return i == marks.Count ? -1 : i;
    }
}
