using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModArith.Data;
using ModArith.Web.Options;

namespace ModArith.Web.Workers;

/// <summary>
/// A worker's record in the store, renewed every few seconds, for operators (the Workers page,
/// GET /api/workers). Liveness of runs is Hangfire's business (its invisibility timeout); this is
/// what people look at. A clean stop stamps StoppedAt.
/// </summary>
public sealed class WorkerHeartbeat(
    IDbContextFactory<ModArithDbContext> dbFactory,
    IOptions<WorkerOptions> worker,
    IOptions<ClusterOptions> cluster,
    ILogger<WorkerHeartbeat> log) : BackgroundService
{
    public static string Version { get; } =
        typeof(WorkerHeartbeat).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private readonly DateTimeOffset startedAt = DateTimeOffset.UtcNow;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, cluster.Value.WorkerHeartbeatSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await BeatAsync(stopped: false, stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning("Heartbeat not stored: {Message}", e.Message); }
            try { await Task.Delay(interval, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try { await BeatAsync(stopped: true, CancellationToken.None); }
        catch (Exception e) { log.LogWarning("Stop not recorded: {Message}", e.Message); }
    }

    private async Task BeatAsync(bool stopped, CancellationToken ct)
    {
        var me = worker.Value;
        var now = DateTimeOffset.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Workers.FindAsync([me.Name], ct);
        if (row is null) db.Workers.Add(row = new ClusterWorker { Name = me.Name });
        row.Host = Environment.MachineName;
        row.Pid = Environment.ProcessId;
        row.Devices = string.Join(",", me.Devices);
        row.Slots = me.EffectiveSlots;
        row.Version = Version;
        row.StartedAt = startedAt;
        row.LastHeartbeatAt = now;
        row.StoppedAt = stopped ? now : null;
        await db.SaveChangesAsync(ct);
    }
}
