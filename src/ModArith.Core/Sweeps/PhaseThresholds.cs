namespace ModArith.Core.Sweeps;

/// <summary>
/// When a set counts as solved, and when a run counts as transient.
/// <para>
/// <see cref="Solved"/> is measured on the chance-corrected scale (accuracy − 1/p) / (1 − 1/p):
/// 0 is guessing, 1 is perfect. Accuracies here are means over all k shots, and that mean
/// includes the 0-shot prediction (a pure guess for an unseen task: chance 1/p) and the first
/// shots, where even a perfect in-context learner is mostly guessing. So a perfect learner
/// scores well below 1 at small k (about (k − 1.5)/k), and a threshold near 1 would never fire
/// on a CPU-sized run with k = 8. Half-way between chance and perfect (the default 0.5: 57% at
/// p = 7, 52% at p = 29) is reachable by every solving model at k ≥ 4 and far above what a
/// model that has not solved a set scores, since such a model stays near chance.
/// </para>
/// </summary>
public sealed record PhaseThresholds
{
    /// <summary>Chance-corrected accuracy at or above which a set counts as solved.</summary>
    public double Solved { get; init; } = 0.5;

    /// <summary>A run is transient when its final o.o.d. test accuracy is more than this (absolute) below its peak.</summary>
    public double TransientMargin { get; init; } = 0.1;

    public static PhaseThresholds Default { get; } = new();
}
