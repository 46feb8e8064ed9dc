using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using ModArith.Data;
using ModArith.Web.Options;
using ModArith.Web.Runs;

namespace ModArith.Web.Tests;

/// <summary>
/// What Compare reads, against a real SQLite store: finished runs' curves are kept in memory after the
/// first read and used while the store holds the same rows; a run that is still training, or a finished
/// run that gained an evaluation, is read again.
/// </summary>
public sealed class CompareReadTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("modarith-compare-").FullName;
    private readonly DbContextOptions<ModArithDbContext> options;
    private readonly RunReader reader;

    public CompareReadTests()
    {
        var builder = new DbContextOptionsBuilder<ModArithDbContext>();
        builder.UseModArithSqlite($"Data Source={Path.Combine(dir, "t.db")}");
        options = builder.Options;
        var factory = new PooledDbContextFactory<ModArithDbContext>(options);
        reader = new RunReader(factory, new ModArith.Web.Sweeps.SweepReader(factory, Microsoft.Extensions.Options.Options.Create(new DashboardOptions())), new FinishedCurveCache());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, true);
    }

    private async Task<int> AddRunAsync(RunStatus status, int evaluations)
    {
        await using var db = new ModArithDbContext(options);
        await db.MigrateAndEnableWalAsync();
        var run = new Run { Name = $"r-{status}", CreatedAt = DateTimeOffset.UtcNow, Status = status };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        for (int i = 1; i <= evaluations; i++) db.MetricPoints.Add(Point(run.Id, i * 100, accuracy: 0.1 * i));
        await db.SaveChangesAsync();
        return run.Id;
    }

    private static MetricPoint Point(int runId, int step, double accuracy) =>
        new() { RunId = runId, Step = step, WallSeconds = step / 10.0, TrainLoss = 2, OodTestAccuracy = accuracy, PerShotJson = "{}" };

    private async Task SetOodTestAccuracyAsync(int runId, int step, double value)
    {
        await using var db = new ModArithDbContext(options);
        await db.MetricPoints.Where(m => m.RunId == runId && m.Step == step).ExecuteUpdateAsync(s => s.SetProperty(m => m.OodTestAccuracy, value));
    }

    private async Task<List<double?>> OodTestAsync(int runId) =>
        (await reader.CompareAsync([runId])).Runs.Single().Evaluations.Select(e => e.Accuracies.OodTest).ToList();

    [Fact]
    public async Task A_finished_run_is_read_once_and_read_again_when_the_store_holds_more()
    {
        int id = await AddRunAsync(RunStatus.Completed, evaluations: 3);
        Assert.Equal([0.1, 0.2, 0.3], (await OodTestAsync(id)).Select(v => Math.Round(v!.Value, 6)));

        // A finished run's rows never change in place; when one does (here by hand), the kept copy shows
        // it is the copy that was used rather than a second read.
        await SetOodTestAccuracyAsync(id, 300, 0.9);
        Assert.Equal(0.3, Math.Round((await OodTestAsync(id))[^1]!.Value, 6));

        // An evaluation stored after the run was seen finished (its writer was behind): read again.
        await using (var db = new ModArithDbContext(options))
        {
            db.MetricPoints.Add(Point(id, 400, accuracy: 0.4));
            await db.SaveChangesAsync();
        }
        Assert.Equal([0.1, 0.2, 0.9, 0.4], (await OodTestAsync(id)).Select(v => Math.Round(v!.Value, 6)));
    }

    [Fact]
    public async Task A_finished_run_whose_last_chunk_of_per_step_points_grew_is_read_again()
    {
        int id = await AddRunAsync(RunStatus.Completed, evaluations: 1);
        async Task AppendAsync(int from, int to)
        {
            await using var db = new ModArithDbContext(options);
            await ModArith.Web.Series.SeriesStore.AppendAsync(db, id, Enumerable.Range(from, to - from + 1).Select(s => new SeriesPoint(s * 10, 1f / s, 1e-3f, 1)).ToList(), default);
            await db.SaveChangesAsync();
        }
        await AppendAsync(1, 5);
        Assert.Equal(5, (await reader.CompareAsync([id])).Runs.Single().Logged.Count);
        await AppendAsync(6, 8); // the same chunk, filled further
        Assert.Equal(80, (await reader.CompareAsync([id])).Runs.Single().Logged[^1].Step);
    }

    [Fact]
    public async Task A_read_ahead_fills_the_cache_for_the_page_that_follows()
    {
        int id = await AddRunAsync(RunStatus.Completed, evaluations: 2);
        await reader.WarmAsync([id, 12345]); // an unknown id is no error: the page names it later
        await SetOodTestAccuracyAsync(id, 200, 0.9);
        Assert.Equal(0.2, Math.Round((await OodTestAsync(id))[^1]!.Value, 6)); // as read ahead, not read again
    }

    [Fact]
    public async Task A_running_run_is_read_from_the_store_every_time()
    {
        int id = await AddRunAsync(RunStatus.Running, evaluations: 2);
        Assert.Equal(0.2, Math.Round((await OodTestAsync(id))[^1]!.Value, 6));
        await SetOodTestAccuracyAsync(id, 200, 0.7);
        Assert.Equal(0.7, Math.Round((await OodTestAsync(id))[^1]!.Value, 6));
    }

    [Fact]
    public async Task Pages_get_their_own_lists_so_live_points_appended_on_one_page_do_not_reach_another()
    {
        int id = await AddRunAsync(RunStatus.Completed, evaluations: 2);
        var first = (await reader.CompareAsync([id])).Runs.Single();
        first.Evaluations.Clear();
        first.Logged.Add(new SeriesPoint(999, 1, 1, 1));
        var second = (await reader.CompareAsync([id])).Runs.Single();
        Assert.Equal(2, second.Evaluations.Count);
        Assert.Empty(second.Logged);
    }
}
