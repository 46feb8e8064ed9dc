using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ModArith.Data;

namespace ModArith.Web.Series;

/// <summary>Reads and writes a run's per-step curves, packed in <see cref="SeriesChunk"/> rows.</summary>
public static class SeriesStore
{
    /// <summary>
    /// Adds step-ordered points to the run's last chunk until it is full, then to new chunks. Points at
    /// or before the last stored step are skipped (a replayed step is never stored twice). Saved with
    /// the context's next SaveChanges.
    /// </summary>
    public static async Task AppendAsync(ModArithDbContext db, int runId, IReadOnlyList<SeriesPoint> points, CancellationToken ct)
    {
        var last = await db.SeriesChunks.Where(c => c.RunId == runId).OrderByDescending(c => c.FirstStep).FirstOrDefaultAsync(ct);
        int lastStep = last?.LastStep ?? int.MinValue;
        var open = last is { Count: < SeriesChunkCodec.Capacity } ? last : null;
        var buffer = open is null ? [] : SeriesChunkCodec.Decode(open.Data);
        foreach (var p in points)
        {
            if (p.Step <= lastStep) continue;
            lastStep = p.Step;
            buffer.Add(p);
            if (buffer.Count < SeriesChunkCodec.Capacity) continue;
            Save(db, runId, open, buffer);
            open = null;
            buffer = [];
        }
        if (buffer.Count > 0) Save(db, runId, open, buffer);
    }

    private static void Save(ModArithDbContext db, int runId, SeriesChunk? open, List<SeriesPoint> buffer)
    {
        if (open is null) db.SeriesChunks.Add(SeriesChunkCodec.Create(runId, buffer));
        else SeriesChunkCodec.Set(open, buffer);
    }

    /// <summary>Drops every point after <paramref name="step"/> (a resumed run recomputes them) and saves.</summary>
    public static void CutAfter(ModArithDbContext db, int runId, int step)
    {
        db.SeriesChunks.Where(c => c.RunId == runId && c.FirstStep > step).ExecuteDelete();
        foreach (var chunk in db.SeriesChunks.Where(c => c.RunId == runId && c.LastStep > step).ToList())
            SeriesChunkCodec.Set(chunk, SeriesChunkCodec.Decode(chunk.Data).Where(p => p.Step <= step).ToList());
        db.SaveChanges();
    }

    /// <summary>Every stored point of the run, in step order.</summary>
    public static async Task<List<SeriesPoint>> ReadAsync(ModArithDbContext db, int runId, CancellationToken ct = default)
    {
        var chunks = await db.SeriesChunks.AsNoTracking().Where(c => c.RunId == runId).OrderBy(c => c.FirstStep).Select(c => c.Data).ToListAsync(ct);
        var points = new List<SeriesPoint>(chunks.Count * SeriesChunkCodec.Capacity);
        foreach (var data in chunks) points.AddRange(SeriesChunkCodec.Decode(data));
        return points;
    }

    /// <summary>The run's stored points after <paramref name="step"/>, in step order (a page catching up on what it missed).</summary>
    public static async Task<List<SeriesPoint>> ReadAfterAsync(ModArithDbContext db, int runId, int step, CancellationToken ct = default)
    {
        var chunks = await db.SeriesChunks.AsNoTracking().Where(c => c.RunId == runId && c.LastStep > step).OrderBy(c => c.FirstStep).Select(c => c.Data).ToListAsync(ct);
        return chunks.SelectMany(SeriesChunkCodec.Decode).Where(p => p.Step > step).ToList();
    }

    /// <summary>The curves <paramref name="keys"/> of <paramref name="points"/>, each downsampled to at most <paramref name="maxPoints"/> (0 = all).</summary>
    public static Dictionary<string, SeriesColumnDto> Columns(IReadOnlyList<SeriesPoint> points, IEnumerable<string> keys, int maxPoints)
    {
        var result = new Dictionary<string, SeriesColumnDto>();
        foreach (var key in keys)
        {
            var values = points.Select(p => (double)SeriesKeys.ValueOf(p, key)).ToArray();
            var keep = maxPoints == 0 ? Enumerable.Range(0, values.Length).ToArray() : MinMaxDownsampler.Select(values, maxPoints);
            result[key] = new SeriesColumnDto(keep.Select(i => points[i].Step).ToArray(), keep.Select(i => Finite(values[i])).ToArray());
        }
        return result;
    }

    public static double? Finite(double v) => double.IsFinite(v) ? v : null;

    /// <summary>Every stored point as CSV: step, trainLoss, learningRate, gradNorm (never downsampled).</summary>
    public static string Csv(IEnumerable<SeriesPoint> points)
    {
        // The CLI's series.csv layout (one writer for both).
        var sb = new StringBuilder(Core.Training.SeriesCsv.Header).Append('\n');
        foreach (var p in points) sb.Append(Core.Training.SeriesCsv.Row(p.Step, p.TrainLoss, p.LearningRate, p.GradNorm)).Append('\n');
        return sb.ToString();
    }
}
