using ModArith.Data;

namespace ModArith.Web.Series;

/// <summary>The per-step curves a run logs every logEvery steps, by their API name.</summary>
public static class SeriesKeys
{
    public const string TrainLoss = "trainLoss";
    public const string LearningRate = "learningRate";
    public const string GradNorm = "gradNorm";

    public static readonly IReadOnlyList<string> All = [TrainLoss, LearningRate, GradNorm];

    public static float ValueOf(SeriesPoint p, string key) => key switch
    {
        TrainLoss => p.TrainLoss,
        LearningRate => p.LearningRate,
        GradNorm => p.GradNorm,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "not a series key"),
    };
}
