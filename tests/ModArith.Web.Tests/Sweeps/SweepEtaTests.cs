using ModArith.Web.Sweeps;

namespace ModArith.Web.Tests.Sweeps;

public class SweepEtaTests
{
    private static SweepRunDto Run(int id, string status, int step, int total, double? stepsPerSecond) =>
        new(id, $"run {id}", status, 8, 0.8, 2, 0, 7, step, total, null, null, null, null, null, false, stepsPerSecond);

    [Fact]
    public void Remaining_steps_of_running_and_queued_runs_over_the_combined_speed_of_the_running_ones()
    {
        var runs = new[]
        {
            Run(1, "Completed", 1000, 1000, null),
            Run(2, "Running", 400, 1000, 10),
            Run(3, "Running", 700, 1000, 5),
            Run(4, "Queued", 0, 1000, null),
            Run(5, "Cancelled", 10, 1000, null),
        };
        // (600 + 300 + 1000) steps left at 15 steps/s.
        Assert.Equal(1900 / 15.0, SweepEta.Seconds(runs)!.Value, 9);
        Assert.Equal(15, SweepEta.StepsPerSecond(runs), 9);
    }

    [Fact]
    public void Live_progress_overrides_the_stored_step_and_speed()
    {
        var runs = new[] { Run(1, "Running", 100, 1000, 10), Run(2, "Queued", 0, 1000, null) };
        var live = new Dictionary<int, (int, double)> { [1] = (600, 20) };
        Assert.Equal((400 + 1000) / 20.0, SweepEta.Seconds(runs, live)!.Value, 9);
    }

    [Fact]
    public void No_estimate_while_nothing_trains()
    {
        Assert.Null(SweepEta.Seconds([Run(1, "Queued", 0, 1000, null), Run(2, "Completed", 1000, 1000, null)]));
        Assert.Null(SweepEta.Seconds([Run(1, "Running", 0, 1000, null)])); // started, no speed measured yet
    }
}
