using ModArith.Data;
using ModArith.Web.Cluster;
using ModArith.Web.Options;
using ModArith.Web.Runs;
using ModArith.Web.Runs.Live;
using ModArith.Web.Runs.Queue;
using ModArith.Web.Security;

namespace ModArith.Web;

/// <summary>Service registration (the network rules are in <see cref="Security.SecuritySetup"/>).</summary>
public static class DashboardSetup
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        // Runs train on their own threads: keep libtorch's allocations as fast as on the main thread.
        Core.Torch.TorchRuntime.UseSingleMallocArena();
        var services = builder.Services;
        // Serve the build's static web assets (root wwwroot, Blazor's framework files) from the build
        // output in every environment, not only Development; published output carries its own copies.
        builder.WebHost.UseStaticWebAssets();
        // Served from the build output, MapStaticAssets marks every file no-cache unless told otherwise,
        // so each page load asked again for the CSS and scripts. The fingerprinted routes (App.razor's
        // links, and the scripts' imports through the import map) change name when their content
        // changes, so the manifest's own answer, immutable for those, is right here too.
        builder.Configuration["EnableStaticAssetsDevelopmentCaching"] ??= "true";
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section);
        services.AddSingleton<DataPaths>();
        var settings = builder.Configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>() ?? new DashboardOptions();
        var paths = new DataPaths(Microsoft.Extensions.Options.Options.Create(settings), builder.Environment);
        var store = StoreConnectionString(builder.Configuration, settings, paths);
        services.AddModArithData(settings.EffectiveStore, store);
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.Section);
        builder.AddDashboardSecurity(paths);

        services.AddSingleton<RunEventChannel>();
        services.AddSingleton<RunService>();
        services.AddSingleton<RunNotifier>();
        services.AddSingleton<Sweeps.SweepService>();
        services.AddSingleton<Sweeps.SweepReader>();
        services.AddSingleton<Runs.FinishedCurveCache>();
        services.AddSingleton<Components.PrerenderHandoff>();
        services.AddSingleton<Runs.RunReader>();
        services.AddSingleton<Runs.RunTimeEstimator>();
        services.AddSingleton<Workers.WorkerReader>();
        services.AddSingleton<Inference.CheckpointModels>();
        services.AddSingleton<Analysis.AnalysisCache>();
        services.AddSingleton<Analysis.AnalysisService>();
        services.AddScoped<Components.Inside.Plots.CanvasPlots>();   // per circuit: imports canvas-plots.js once
        services.AddScoped<Components.Shared.LineChartModule>();     // per circuit: imports line-chart.js once
        services.AddScoped<Components.Shared.BrowserPreferences>();  // per circuit: imports prefs.js once
        services.AddRazorComponents().AddInteractiveServerComponents();
        if (settings.Mode == DashboardMode.Cluster)
        {
            // Front-end of a cluster: runs go to Hangfire queues on PostgreSQL, workers train them,
            // their live events arrive through Redis.
            ClusterSetup.AddClusterParts(services, builder.Configuration, store);
            services.AddHostedService<RedisLiveFeed>();
            services.AddHostedService<RunEventWriter>();
            services.AddHostedService<OrphanedRunSweeper>();
        }
        else
        {
            services.AddSignalR();
            services.AddSingleton<InProcessRunQueue>();
            services.AddSingleton<IRunQueue>(sp => sp.GetRequiredService<InProcessRunQueue>());
            services.AddSingleton(new ExecutorSettings());
            services.AddSingleton(new WriterSettings());
            services.AddSingleton<RunExecutor>();
            services.AddSingleton<IRunBroadcaster, LocalRunBroadcaster>();
            // Hosted services stop in reverse order: the runner (waiting for training threads to
            // save their checkpoints) stops before the writer, which then stores their last events.
            services.AddHostedService<RunEventWriter>();
            services.AddHostedService<InProcessRunner>();
        }
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));

        services.AddOpenApi(Api.OpenApi.ApiDocument.Configure);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase;
            // Numbers are numbers: the web defaults also read them from strings, which would make the
            // OpenAPI document type every number as "integer or string".
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        // Requests are small JSON documents: cap bodies so one request cannot exhaust memory.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1 << 20);
        return builder;
    }

    /// <summary>The store's connection string: ConnectionStrings:ModArith, or for SQLite the file in the data directory.</summary>
    public static string StoreConnectionString(IConfiguration configuration, DashboardOptions settings, DataPaths paths)
    {
        var configured = configuration.GetConnectionString("ModArith");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        if (settings.EffectiveStore == StoreProvider.PostgreSql)
            throw new InvalidOperationException("The store is PostgreSQL (Dashboard:Store, or Dashboard:Mode Cluster): set ConnectionStrings:ModArith (e.g. Host=db;Database=modarith;Username=modarith) in the environment or a config file.");
        return $"Data Source={paths.DatabaseFile}";
    }
}
