using Hangfire;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;
using ModArith.Web.Options;
using DashboardOptions = ModArith.Web.Options.DashboardOptions;

namespace ModArith.Web.Workers;

/// <summary>GET /api/workers, and in the cluster mode Hangfire's own dashboard for operators.</summary>
public static class WorkerEndpoints
{
    public static WebApplication MapWorkerApi(this WebApplication app)
    {
        app.MapGet("/api/workers", async (WorkerReader workers, CancellationToken ct) => TypedResults.Ok(await workers.ListAsync(ct)))
            .WithName("ListWorkers")
            .WithSummary("Workers")
            .WithDescription("The cluster's worker processes: name, host, pid, devices, slots, the runs each holds, last heartbeat and version. Empty in the embedded mode, where the dashboard trains runs itself.");

        var options = app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value;
        if (options.Mode == DashboardMode.Cluster && app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.HangfireDashboard)
        {
            // Behind the same access token as everything else (UseDashboardSecurity runs first), so
            // Hangfire's local-requests-only default is replaced by "whoever got past the token".
            app.UseHangfireDashboard("/hangfire", new Hangfire.DashboardOptions
            {
                Authorization = [new PastTheAccessToken()],
                DisplayStorageConnectionString = false,
            });
        }
        return app;
    }

    private sealed class PastTheAccessToken : IDashboardAuthorizationFilter
    {
        // Requests get here only through the access-token check; without a token the app listens on loopback only.
        public bool Authorize(DashboardContext context) => true;
    }
}
