using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ModArith.Data;

namespace ModArith.Web.Security;

/// <summary>/healthz: healthy while the database answers (for container and load-balancer probes).</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<ModArithDbContext> dbf) : IHealthCheck
{
    public const string Path = "/healthz";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        await using var db = await dbf.CreateDbContextAsync(ct);
        return await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the database does not answer");
    }
}
