namespace ModArith.Web.Series;

/// <summary>
/// One curve as columns: <see cref="Steps"/>[i] and <see cref="Values"/>[i] (null where the value
/// is not a finite number, e.g. a diverged loss).
/// </summary>
public sealed record SeriesColumnDto(int[] Steps, double?[] Values);

/// <summary>
/// The answer of GET /api/runs/{id}/series: <see cref="Stored"/> points are stored; each curve holds
/// at most maxPoints of them (min/max per bucket), or all with maxPoints=0.
/// </summary>
public sealed record RunSeriesDto(int RunId, int Stored, IReadOnlyDictionary<string, SeriesColumnDto> Series);

/// <summary>Per-step points just logged by a running run (the `series` live event), every key, in step order.</summary>
public sealed record SeriesPointsDto(int RunId, int[] Steps, double?[] TrainLoss, double?[] LearningRate, double?[] GradNorm)
{
    /// <summary>The event for these points of run <paramref name="runId"/>, in their order.</summary>
    public static SeriesPointsDto From(int runId, IReadOnlyList<ModArith.Data.SeriesPoint> points) =>
        new(runId, points.Select(p => p.Step).ToArray(), points.Select(p => SeriesStore.Finite(p.TrainLoss)).ToArray(),
            points.Select(p => SeriesStore.Finite(p.LearningRate)).ToArray(), points.Select(p => SeriesStore.Finite(p.GradNorm)).ToArray());
}
