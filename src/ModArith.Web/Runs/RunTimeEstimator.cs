using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModArith.Core.Config;
using ModArith.Data;
using ModArith.Web.Options;

namespace ModArith.Web.Runs;

/// <summary>
/// Estimates the wall time of runs before launch from the steps/s that earlier runs of the same
/// model and batch shape reached on this machine (the median of the latest ones). Runs of a shape
/// never trained here get no estimate rather than a guess.
/// </summary>
public sealed class RunTimeEstimator(IDbContextFactory<ModArithDbContext> dbFactory, IOptions<DashboardOptions> options)
{
    /// <summary>Earlier runs looked at: the latest with a measured speed.</summary>
    private const int History = 500;

    /// <summary>What decides a step's cost: vocabulary, sequence length, model size and batch.</summary>
    private sealed record Shape(int P, int K, int Depth, int DModel, int Heads, int MlpRatio, int BatchSize)
    {
        public static Shape Of(RunConfig c) => new(c.P, c.ExamplesPerSequence, c.Depth, c.DModel, c.Heads, c.MlpRatio, c.BatchSize);
        public override string ToString() => $"p={P} k={K} depth={Depth} d={DModel} heads={Heads} batch={BatchSize}";
    }

    public async Task<TimeEstimate> EstimateAsync(IReadOnlyList<RunConfig> runs, CancellationToken ct = default)
    {
        if (runs.Count == 0) return new(null, "");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var measured = await db.Runs.AsNoTracking().Where(r => r.StepsPerSecond > 0).OrderByDescending(r => r.Id).Take(History)
            .Select(r => new { r.ConfigJson, r.StepsPerSecond }).ToListAsync(ct);
        var speeds = measured.Select(m => (Shape: TryShape(m.ConfigJson), Speed: m.StepsPerSecond!.Value)).Where(m => m.Shape is not null)
            .GroupBy(m => m.Shape!).ToDictionary(g => g.Key, g => (Median: Median(g.Select(x => x.Speed).ToList()), Count: g.Count()));

        double total = 0;
        var used = new List<string>();
        foreach (var shape in runs.GroupBy(r => Shape.Of(r)))
        {
            if (!speeds.TryGetValue(shape.Key, out var s))
                return new(null, $"no estimate: no run of this shape ({shape.Key}) has trained on this machine yet");
            total += shape.Sum(r => r.Steps) / s.Median;
            used.Add($"{s.Median:F1} steps/s, the median of {s.Count} earlier run{(s.Count == 1 ? "" : "s")} of this shape");
        }
        int atOnce = Math.Clamp(options.Value.MaxConcurrentRuns, 1, runs.Count);
        // Runs side by side share the machine's threads, so together they go about as fast as one after another.
        return new(total, $"{runs.Count} run{(runs.Count == 1 ? "" : "s")}, {atOnce} at a time, at {string.Join("; ", used)}");
    }

    private static Shape? TryShape(string json) => ConfigJson.ReadStored(json) is { } c ? Shape.Of(c) : null;

    private static double Median(List<double> values)
    {
        values.Sort();
        int n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
