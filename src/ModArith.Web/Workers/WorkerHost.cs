using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModArith.Data;
using ModArith.Web.Cluster;
using ModArith.Web.Options;
using DashboardOptions = ModArith.Web.Options.DashboardOptions;
using ModArith.Web.Runs;
using ModArith.Web.Runs.Live;
using ModArith.Web.Runs.Queue;

namespace ModArith.Web.Workers;

/// <summary>
/// The worker process of the cluster mode: the web app's own binary started with `worker` as its
/// first argument (same configuration keys, same hub type for the backplane), without a web server.
/// It serves the Hangfire queues of its devices with one slot per device, heartbeats, and on a clean
/// stop (SIGTERM, Ctrl+C) checkpoints its runs and hands them back to the queue.
/// </summary>
public static class WorkerHost
{
    public static async Task RunAsync(string[] args)
    {
        Core.Torch.TorchRuntime.UseSingleMallocArena();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        var services = builder.Services;
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section);
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.Section);
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section);
        var settings = builder.Configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>() ?? new DashboardOptions();
        settings.Mode = DashboardMode.Cluster;
        var worker = builder.Configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>() ?? new WorkerOptions();
        var paths = new DataPaths(Microsoft.Extensions.Options.Options.Create(settings), builder.Environment);
        services.AddSingleton(paths);
        var store = DashboardSetup.StoreConnectionString(builder.Configuration, settings, paths);
        services.AddModArithData(StoreProvider.PostgreSql, store);
        ClusterSetup.AddClusterParts(services, builder.Configuration, store);
        services.AddSingleton<RunNotifier>();
        services.AddSingleton<RunEventChannel>();
        services.AddSingleton(new ExecutorSettings { WorkerName = worker.Name, CheckpointsPerAttempt = true, HandBackOnStop = true });
        services.AddSingleton<RunExecutor>();
        services.AddTransient<RunJob>();
        // Hosted services stop in reverse order: the Hangfire server first (its jobs checkpoint and hand
        // their runs back), then the heartbeat, then the writer, which stores the jobs' last events.
        services.AddHostedService<RunEventWriter>();
        services.AddHostedService<WorkerHeartbeat>();
        services.AddHangfireServer(o =>
        {
            o.ServerName = worker.Name;
            o.WorkerCount = worker.EffectiveSlots;
            o.Queues = worker.Queues;
            o.ShutdownTimeout = TimeSpan.FromSeconds(40);
        });
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(50));

        var host = builder.Build();
        Directory.CreateDirectory(paths.Root);
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<ModArithDbContext>>().CreateDbContextAsync())
            await db.PrepareStoreAsync();
        host.Services.GetRequiredService<ILogger<RunJob>>().LogInformation(
            "worker {Name} pid {Pid}: queues {Queues}, {Slots} slot(s), data {Data}", worker.Name, Environment.ProcessId,
            string.Join(",", worker.Queues), worker.EffectiveSlots, paths.Root);
        await host.RunAsync();
    }
}
