using ModArith.Core.Sweeps;

namespace ModArith.Core.Tests.Sweeps;

public sealed class PhaseClassifierTests
{
    private const int P = 7; // chance 1/7 ≈ 14%; "solved" at the default threshold means ≥ 57%
    private static readonly PhaseThresholds Defaults = PhaseThresholds.Default;

    private static AccuracyPoint At(int step, double idTrain, double idTest, double oodTrain, double oodTest) =>
        new(step, new FourAccuracies(idTrain, idTest, oodTrain, oodTest));

    /// <summary>A history that starts at chance and rises steadily to the given end accuracies.</summary>
    private static List<AccuracyPoint> Rising(double idTrain, double idTest, double oodTrain, double oodTest)
    {
        const double chance = 1.0 / P;
        return Enumerable.Range(0, 6).Select(i =>
        {
            double f = i / 5.0;
            return At(100 * (i + 1), chance + f * (idTrain - chance), chance + f * (idTest - chance), chance + f * (oodTrain - chance), chance + f * (oodTest - chance));
        }).ToList();
    }

    [Theory]
    [InlineData(0.20, 0.15, 0.14, 0.15, Phase.NotLearned)]
    [InlineData(0.80, 0.30, 0.16, 0.17, Phase.IdMemorization)]   // cpu-small's measured end point
    [InlineData(0.85, 0.75, 0.20, 0.18, Phase.IdGeneralization)]
    [InlineData(0.85, 0.40, 0.70, 0.20, Phase.OodMemorization)]
    [InlineData(0.78, 0.76, 0.74, 0.72, Phase.OodGeneralization)] // k = 8: a perfect learner's mean over shots is below 0.8
    public void Each_phase_is_read_from_the_four_accuracies_of_a_history(double idTrain, double idTest, double oodTrain, double oodTest, Phase expected)
    {
        var phases = PhaseClassifier.Classify(Rising(idTrain, idTest, oodTrain, oodTest), P, Defaults);
        Assert.Equal(expected, phases.AtEnd);
        Assert.Equal(expected, phases.AtBestOod); // o.o.d. accuracy only rises, so the best point is the end
        Assert.False(phases.Transient);
    }

    [Fact]
    public void The_solved_threshold_is_measured_from_chance_so_it_means_the_same_at_every_p()
    {
        // 50% raw: half-way from chance to perfect at p = 29 (chance 3.4%), but not at p = 3 (chance 33%).
        Assert.True(PhaseClassifier.IsSolved(0.52, 29, Defaults));
        Assert.False(PhaseClassifier.IsSolved(0.52, 3, Defaults));
        Assert.True(PhaseClassifier.IsSolved(0.70, 3, Defaults));
        Assert.False(PhaseClassifier.IsSolved(0.52, 29, Defaults with { Solved = 0.9 }));
        Assert.False(PhaseClassifier.IsSolved(null, 29, Defaults));
    }

    [Fact]
    public void A_run_that_reaches_ood_generalization_then_loses_it_is_transient_and_keeps_its_best_phase()
    {
        var history = Rising(0.80, 0.78, 0.76, 0.75);
        // Then it drifts back to memorising: o.o.d. accuracy falls to near chance, i.d. train stays solved.
        history.Add(At(700, 0.95, 0.50, 0.60, 0.40));
        history.Add(At(800, 0.97, 0.40, 0.45, 0.25));

        var phases = PhaseClassifier.Classify(history, P, Defaults);
        Assert.Equal(Phase.OodGeneralization, phases.AtBestOod);
        Assert.Equal(Phase.IdMemorization, phases.AtEnd);
        Assert.True(phases.Transient);
    }

    [Fact]
    public void A_dip_within_the_margin_is_not_transient()
    {
        var history = Rising(0.80, 0.78, 0.76, 0.75);
        history.Add(At(700, 0.80, 0.78, 0.74, 0.70)); // 5 points below the peak, margin is 10
        Assert.False(PhaseClassifier.Classify(history, P, Defaults).Transient);
        Assert.True(PhaseClassifier.Classify(history, P, Defaults with { TransientMargin = 0.02 }).Transient);
    }

    [Fact]
    public void An_empty_history_has_no_phase()
    {
        var phases = PhaseClassifier.Classify([], P, Defaults);
        Assert.Null(phases.AtEnd);
        Assert.Null(phases.AtBestOod);
    }
}
