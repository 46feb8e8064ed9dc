using ModArith.Data;
using ModArith.Web.Jobs;
using ModArith.Web.Options;
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
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section);
        services.AddSingleton<DataPaths>();
        var paths = new DataPaths(Microsoft.Extensions.Options.Options.Create(
            builder.Configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>() ?? new DashboardOptions()), builder.Environment);
        var connectionString = builder.Configuration.GetConnectionString("ModArith") ?? $"Data Source={paths.DatabaseFile}";
        services.AddModArithData(connectionString);
        builder.AddDashboardSecurity(paths);

        services.AddSingleton<RunQueue>();
        services.AddSingleton<RunEventChannel>();
        services.AddSingleton<RunService>();
        services.AddSingleton<RunNotifier>();
        services.AddSingleton<Sweeps.SweepService>();
        services.AddSingleton<Sweeps.SweepReader>();
        services.AddSingleton<Runs.RunReader>();
        services.AddSingleton<Runs.RunTimeEstimator>();
        services.AddSingleton<Inference.CheckpointModels>();
        services.AddSingleton<Analysis.AnalysisCache>();
        services.AddSingleton<Analysis.AnalysisService>();
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Hosted services stop in reverse order: the job runner (waiting for training threads to
        // save their checkpoints) stops before the writer, which then stores their last events.
        services.AddHostedService<RunEventWriter>();
        services.AddHostedService<JobRunner>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));

        services.AddSignalR();
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
}
