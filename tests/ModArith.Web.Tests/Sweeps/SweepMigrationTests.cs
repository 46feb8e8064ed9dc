using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ModArith.Data;

namespace ModArith.Web.Tests.Sweeps;

/// <summary>The sweeps migration upgrades a database that already holds runs, keeping them whole.</summary>
public sealed class SweepMigrationTests : IDisposable
{
    private readonly string dbFile = Path.Combine(Path.GetTempPath(), $"modarith-migrate-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(dbFile);
    }

    [Fact]
    public async Task A_database_from_before_sweeps_keeps_its_runs_and_metric_points()
    {
        var builder = new DbContextOptionsBuilder<ModArithDbContext>();
        builder.UseModArithSqlite($"Data Source={dbFile}");
        var options = builder.Options;
        await using (var db = new ModArithDbContext(options))
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("20261126084603_InitialCreate");
            // ExecuteSqlRaw formats its text: {{}} is an empty JSON object.
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO Runs (Name, ConfigJson, Status, CreatedAt, Seed, Notes, Tags, CurrentStep, TotalSteps, BestOodTestAccuracy)
                VALUES ('before sweeps', '{{}}', 'Completed', 0, 3, 'kept', '', 10, 10, 0.5);
                INSERT INTO MetricPoints (RunId, Step, WallSeconds, LearningRate, TrainLoss, PerShotJson) VALUES (1, 10, 1, 0.001, 1.5, '{{}}');
                """);
        }
        await using (var db = new ModArithDbContext(options))
        {
            await db.MigrateAndEnableWalAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var run = await db.Runs.Include(r => r.Metrics).SingleAsync();
            Assert.Equal(("before sweeps", "kept", 3, 0.5), (run.Name, run.Notes, run.Seed, run.BestOodTestAccuracy!.Value));
            Assert.Null(run.SweepId);
            Assert.Equal(10, Assert.Single(run.Metrics).Step);

            // The upgraded database takes a sweep with its runs.
            var sweep = new Sweep { Name = "after", SpecJson = "{}", CreatedAt = DateTimeOffset.UtcNow };
            sweep.Runs.Add(run);
            db.Sweeps.Add(sweep);
            await db.SaveChangesAsync();
            Assert.Equal(sweep.Id, (await db.Runs.AsNoTracking().SingleAsync()).SweepId);
        }
    }
}
