using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModArith.Data;
using ModArith.Web.Options;

namespace ModArith.Web.Runs.Queue;

/// <summary>
/// At start-up: applies migrations (SQLite: WAL mode on). Embedded: marks runs left Running by a dead
/// process as Interrupted (resumable from their last checkpoint) and re-queues runs still Queued.
/// Cluster: neither, since workers train elsewhere; Hangfire keeps the queued jobs and hands a dead
/// worker's run to another after its invisibility timeout.
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
            await db.PrepareStoreAsync();
            if (app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.Mode == DashboardMode.Cluster)
            {
                // Creating the storage installs Hangfire's schema now, before workers start polling it.
                app.Services.GetRequiredService<Hangfire.JobStorage>();
                return;
            }
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                var left = await db.Runs.Where(r => r.Status == RunStatus.Running).Select(r => new { r.Id, r.CurrentStep, r.Attempt, r.Worker }).ToListAsync();
                foreach (var run in left)
                    db.RunLog.Add(new RunLogEntry
                    {
                        RunId = run.Id, At = DateTimeOffset.UtcNow, Level = RunLogLevel.Warning, Attempt = run.Attempt, Worker = run.Worker,
                        Message = $"interrupted near step {run.CurrentStep:N0}: the dashboard stopped while it trained (found running at start-up); resume continues from its last checkpoint",
                    });
                await db.SaveChangesAsync();
                await db.Runs.Where(r => r.Status == RunStatus.Running)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Interrupted));
                await transaction.CommitAsync();
            }
            var queue = app.Services.GetRequiredService<InProcessRunQueue>();
            foreach (var id in await db.Runs.Where(r => r.Status == RunStatus.Queued).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync())
                queue.Enqueue(id);
        });
    }
}
