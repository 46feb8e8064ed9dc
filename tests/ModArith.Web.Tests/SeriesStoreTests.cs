using Microsoft.EntityFrameworkCore;
using ModArith.Data;
using ModArith.Web.Series;

namespace ModArith.Web.Tests;

/// <summary>Packing per-step points into chunks of a real SQLite database, and cutting them at a resume step.</summary>
public sealed class SeriesStoreTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("modarith-series-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, true);
    }

    private async Task<ModArithDbContext> OpenAsync()
    {
        var builder = new DbContextOptionsBuilder<ModArithDbContext>();
        builder.UseModArithSqlite($"Data Source={Path.Combine(dir, "t.db")}");
        var db = new ModArithDbContext(builder.Options);
        await db.MigrateAndEnableWalAsync();
        return db;
    }

    private static List<SeriesPoint> Points(int from, int to) =>
        Enumerable.Range(from, to - from + 1).Select(s => new SeriesPoint(s * 10, 1f / s, 1e-3f, s)).ToList();

    [Fact]
    public async Task Points_fill_chunks_to_capacity_skip_replayed_steps_and_read_back_in_order()
    {
        await using var db = await OpenAsync();
        var run = new Run { Name = "r", CreatedAt = DateTimeOffset.UtcNow };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        int n = SeriesChunkCodec.Capacity + 100;
        await SeriesStore.AppendAsync(db, run.Id, Points(1, 300), default);
        await db.SaveChangesAsync();
        await SeriesStore.AppendAsync(db, run.Id, Points(250, n), default); // 250..300 again: skipped
        await db.SaveChangesAsync();

        var chunks = await db.SeriesChunks.Where(c => c.RunId == run.Id).OrderBy(c => c.FirstStep).ToListAsync();
        Assert.Equal([SeriesChunkCodec.Capacity, 100], chunks.Select(c => c.Count));
        Assert.Equal(Points(1, n), await SeriesStore.ReadAsync(db, run.Id));

        SeriesStore.CutAfter(db, run.Id, 2000); // step 2000 = point 200
        Assert.Equal(Points(1, 200), await SeriesStore.ReadAsync(db, run.Id));
        Assert.Equal(1, await db.SeriesChunks.CountAsync(c => c.RunId == run.Id));
    }

    [Fact]
    public void Downsampling_keeps_first_last_and_each_bucket_extremes()
    {
        double[] values = [5, 1, 9, 2, 8, 3, 7, 4, 6, 0];
        var keep = MinMaxDownsampler.Select(values, 6); // 2 buckets of 4 between first and last
        Assert.Equal([0, 1, 2, 5, 6, 9], keep);
        Assert.Equal(Enumerable.Range(0, 10), MinMaxDownsampler.Select(values, 10));
    }
}
