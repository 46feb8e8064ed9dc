using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModArith.Data;
using ModArith.Web.Options;

namespace ModArith.Web.Workers;

/// <summary>The cluster's workers with the runs each holds, for the API and the Workers page.</summary>
public sealed class WorkerReader(IDbContextFactory<ModArithDbContext> dbFactory, IOptions<ClusterOptions> cluster)
{
    public async Task<List<WorkerDto>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var workers = await db.Workers.AsNoTracking().OrderBy(w => w.Name).ToListAsync(ct);
        var held = (await db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Running && r.Worker != null)
                .Select(r => new { r.Id, r.Worker }).ToListAsync(ct))
            .ToLookup(r => r.Worker!, r => r.Id);
        // Silent for three heartbeats: presumed gone (Hangfire hands its runs on after its own timeout).
        var gone = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(3 * Math.Max(1, cluster.Value.WorkerHeartbeatSeconds));
        return workers.Select(w => new WorkerDto(
            w.Name, w.Host, w.Pid, w.Devices.Split(',', StringSplitOptions.RemoveEmptyEntries), w.Slots,
            held[w.Name].Order().ToArray(), w.StartedAt, w.LastHeartbeatAt, w.StoppedAt, w.Version,
            w.StoppedAt is not null ? "stopped" : w.LastHeartbeatAt < gone ? "silent" : "alive")).ToList();
    }
}
