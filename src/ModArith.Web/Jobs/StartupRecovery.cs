using Microsoft.EntityFrameworkCore;
using ModArith.Data;

namespace ModArith.Web.Jobs;

/// <summary>
/// At start-up: applies migrations (WAL mode on), marks runs left Running by a dead process as
/// Interrupted (resumable from their last checkpoint), and re-queues runs still Queued.
/// </summary>
public static class StartupRecovery
{
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var paths = app.Services.GetRequiredService<DataPaths>();
        Security.DataDirectoryCheck.Ensure(paths);
        // A database that cannot be written (read-only file or folder) is a clear start-up failure.
        await Security.DataDirectoryCheck.GuardAsync(paths, async () =>
        {
            var factory = app.Services.GetRequiredService<IDbContextFactory<ModArithDbContext>>();
            await using var db = await factory.CreateDbContextAsync();
            await db.MigrateAndEnableWalAsync();
            await db.Runs.Where(r => r.Status == RunStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Interrupted));
            var queue = app.Services.GetRequiredService<RunQueue>();
            foreach (var id in await db.Runs.Where(r => r.Status == RunStatus.Queued).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync())
                queue.Enqueue(id);
        });
    }
}
