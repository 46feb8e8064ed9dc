using ModArith.Core.Training;

namespace ModArith.Core.Tests.Sweeps;

public sealed class StopPatienceTests
{
    private sealed class Evaluations : ITrainingObserver
    {
        public List<EvaluationResult> Results { get; } = [];
        public void OnEvaluation(EvaluationResult result) => Results.Add(result);
    }

    [Fact]
    public void A_run_whose_ood_accuracy_stops_improving_ends_after_patience_evaluations()
    {
        // A learning rate so small that float32 weights do not move: every evaluation scores
        // exactly the same (same eval sequences each time), so o.o.d. accuracy improves only at
        // the first evaluation and the rule must stop three evaluations later.
        var config = TinyConfigs.Tiny(steps: 200) with { LearningRate = 1e-12, WarmupSteps = 0, EvalEvery = 5, StopPatience = 3 };
        using var run = TrainingRun.Start(config);
        var seen = new Evaluations();
        var outcome = run.Train(seen);

        Assert.True(outcome.StoppedEarly);
        Assert.False(outcome.Cancelled);
        Assert.Equal(20, outcome.FinalStep); // evaluations at 5 (best), 10, 15, 20: three without improvement
        Assert.Equal([5, 10, 15, 20], seen.Results.Select(r => r.Step));
        Assert.Equal(5, outcome.BestOodStep);
    }

    [Fact]
    public void With_patience_off_the_same_run_trains_every_step()
    {
        var config = TinyConfigs.Tiny(steps: 30) with { LearningRate = 1e-12, WarmupSteps = 0, EvalEvery = 5, StopPatience = 0 };
        using var run = TrainingRun.Start(config);
        var outcome = run.Train();
        Assert.False(outcome.StoppedEarly);
        Assert.Equal(30, outcome.FinalStep);
    }
}
