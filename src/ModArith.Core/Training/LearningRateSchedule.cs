using ModArith.Core.Config;

namespace ModArith.Core.Training;

/// <summary>
/// The paper's schedule: linear warm-up from 1% of the peak over warmupSteps, then cosine decay
/// to minLearningRateRatio·peak at the last step.
/// </summary>
public static class LearningRateSchedule
{
    /// <summary>Warm-up starts from this fraction of the peak learning rate.</summary>
    public const double WarmupStartRatio = 0.01;

    public static double At(int step, RunConfig c) =>
        At(step, c.LearningRate, c.WarmupSteps, c.Steps, c.MinLearningRateRatio);

    public static double At(int step, double peak, int warmupSteps, int totalSteps, double minRatio)
    {
        if (step < warmupSteps)
            return peak * (WarmupStartRatio + (1 - WarmupStartRatio) * step / warmupSteps);
        int decaySteps = Math.Max(1, totalSteps - warmupSteps);
        double progress = Math.Clamp((double)(step - warmupSteps) / decaySteps, 0, 1);
        double cosine = 0.5 * (1 + Math.Cos(Math.PI * progress));
        return peak * (minRatio + (1 - minRatio) * cosine);
    }
}
