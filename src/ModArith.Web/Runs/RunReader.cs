using Microsoft.EntityFrameworkCore;
using ModArith.Core.Config;
using ModArith.Data;
using ModArith.Web.Series;

namespace ModArith.Web.Runs;

/// <summary>Reads runs for the pages (beside <see cref="Sweeps.SweepReader"/>), so components do not query the context themselves.</summary>
public sealed class RunReader(IDbContextFactory<ModArithDbContext> dbFactory)
{
    /// <summary>Most runs one comparison shows.</summary>
    public const int MaxCompared = 30;

    /// <summary>
    /// The runs <paramref name="ids"/> with what their curves need, read in three queries (runs,
    /// evaluation scalars, packed per-step chunks), never the per-shot JSON.
    /// </summary>
    public async Task<CompareData> CompareAsync(IReadOnlyList<int> ids, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.Runs.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var evaluations = (await db.MetricPoints.AsNoTracking().Where(m => ids.Contains(m.RunId)).OrderBy(m => m.Step)
                .Select(m => new EvaluationRow(m.RunId, m.Step, m.WallSeconds, m.TrainLoss, m.IdTrainAccuracy, m.IdTestAccuracy, m.OodTrainAccuracy, m.OodTestAccuracy))
                .ToListAsync(ct))
            .ToLookup(e => e.RunId);
        var chunks = (await db.SeriesChunks.AsNoTracking().Where(c => ids.Contains(c.RunId)).OrderBy(c => c.FirstStep)
                .Select(c => new { c.RunId, c.Data }).ToListAsync(ct))
            .ToLookup(c => c.RunId, c => c.Data);
        var runs = ids.Where(found.ContainsKey).Select(id => new CompareRun(found[id], ConfigLoader.Load(found[id].ConfigJson),
            evaluations[id].ToList(), chunks[id].SelectMany(SeriesChunkCodec.Decode).ToList())).ToList();
        return new CompareData(runs, ids.Where(id => !found.ContainsKey(id)).ToList());
    }

    /// <summary>A run's row, or null.</summary>
    public async Task<Run?> FindAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
    }

    /// <summary>Runs whose id or name matches <paramref name="text"/>, newest first (the comparison's "add a run" list).</summary>
    public async Task<List<(int Id, string Name)>> SearchAsync(string text, int limit, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Runs.AsNoTracking();
        text = text.Trim();
        if (text.Length > 0)
            q = int.TryParse(text.TrimStart('#'), out var id) ? q.Where(r => r.Id == id || r.Name.Contains(text)) : q.Where(r => r.Name.Contains(text));
        return (await q.OrderByDescending(r => r.Id).Take(limit).Select(r => new { r.Id, r.Name }).ToListAsync(ct)).Select(r => (r.Id, r.Name)).ToList();
    }
}
