using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using ModArith.Data;

namespace ModArith.Web.Runs;

/// <summary>
/// The curves of finished runs as the comparison read them, so opening Compare again does not read
/// tens of thousands of rows from the store again (a finished run's curves no longer change).
/// Each entry carries the counts it was read with (evaluations, last step, per-step points);
/// <see cref="RunReader"/> checks them against the store's (grouped counts, no curve read) before
/// using it, so an evaluation written after the status changed, or a resumed run, is read again
/// rather than shown stale.
/// </summary>
public sealed class FinishedCurveCache : IDisposable
{
    /// <summary>Rough bytes per entry of the cache's size budget (an <see cref="EvaluationRow"/> and its sets; a packed per-step point).</summary>
    private const long EvaluationBytes = 200, LoggedBytes = 24;

    private readonly MemoryCache cache;

    public FinishedCurveCache(long budgetBytes = 64L << 20) => cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = budgetBytes });

    /// <summary>A run's curves, or null when not cached or cached with other counts than <paramref name="stored"/>.</summary>
    public CachedCurves? TryGet(int runId, CurveStamp stored) =>
        cache.TryGetValue(runId, out CachedCurves? found) && found!.Stamp == stored ? found : null;

    /// <summary>Keeps a finished run's curves (their stamp taken from what was read).</summary>
    public void Add(int runId, IReadOnlyList<EvaluationRow> evaluations, IReadOnlyList<SeriesPoint> logged)
    {
        var stamp = new CurveStamp(evaluations.Count, evaluations.Count > 0 ? evaluations[^1].Step : 0, logged.Count);
        cache.Set(runId, new CachedCurves(stamp, evaluations.ToArray(), logged.ToArray()), new MemoryCacheEntryOptions
        {
            Size = evaluations.Count * EvaluationBytes + logged.Count * LoggedBytes + 1,
            SlidingExpiration = TimeSpan.FromMinutes(30),
        });
    }

    /// <summary>Runs being read into the cache ahead of a page (see <see cref="RunReader.WarmAsync"/>), with the read's task.</summary>
    private readonly ConcurrentDictionary<int, Task> warming = new();

    /// <summary>Marks <paramref name="runId"/> as being read by <paramref name="read"/>; false when another read already is.</summary>
    public bool BeginWarming(int runId, Task read) => warming.TryAdd(runId, read);

    public void EndWarming(int runId) => warming.TryRemove(runId, out _);

    /// <summary>Completes when no read ahead of any of <paramref name="runIds"/> is in flight.</summary>
    public Task WarmedAsync(IEnumerable<int> runIds) =>
        Task.WhenAll(runIds.Select(id => warming.TryGetValue(id, out var read) ? read : Task.CompletedTask));

    public void Dispose() => cache.Dispose();
}

/// <summary>What the store holds of a run's curves: evaluation rows, the last evaluated step, per-step points.</summary>
public readonly record struct CurveStamp(int Evaluations, int LastStep, int LoggedPoints);

/// <summary>A finished run's curves, shared by every reader: copied into lists before a page may append to them.</summary>
public sealed record CachedCurves(CurveStamp Stamp, EvaluationRow[] Evaluations, SeriesPoint[] Logged);
