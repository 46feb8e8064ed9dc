namespace ModArith.Core.Training;

/// <summary>The scalars of one evaluation set (its <see cref="SetMetrics"/> without the per-shot curve), as stored and exported.</summary>
public sealed record SetScalars(double? Loss, double? Accuracy, double? LastShotAccuracy)
{
    public static SetScalars? From(SetMetrics? m) => m is null ? null : new(m.Loss, m.Accuracy, m.LastShotAccuracy);
}
