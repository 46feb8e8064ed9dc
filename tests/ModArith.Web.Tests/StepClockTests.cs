using ModArith.Core.Data;
using ModArith.Web.Runs;

namespace ModArith.Web.Tests;

/// <summary>Where a step falls in time, from the evaluations' (step, seconds) marks: Compare's time axes.</summary>
public sealed class StepClockTests
{
    private static EvaluationRow At(int step, double seconds) => new(1, step, seconds, 1, new EvalSets<double?>(null, null, null, null));

    [Fact]
    public void Steps_are_placed_between_their_marks_and_past_the_last_at_its_pace()
    {
        var clock = new StepClock([At(100, 10), At(200, 30), At(400, 50)]);
        Assert.Equal(5, clock.Seconds(50), 9);    // between the start (0, 0) and the first mark
        Assert.Equal(10, clock.Seconds(100), 9);  // on a mark
        Assert.Equal(20, clock.Seconds(150), 9);
        Assert.Equal(40, clock.Seconds(300), 9);
        Assert.Equal(70, clock.Seconds(600), 9);  // after the last: the last interval's pace (0.1 s per step)
        clock.Add(500, 70);
        Assert.Equal(60, clock.Seconds(450), 9);
        Assert.True(double.IsNaN(new StepClock([]).Seconds(10))); // no evaluation yet: no pace known
    }
}
