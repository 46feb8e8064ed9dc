using System.Net;
using Microsoft.Extensions.Options;
using ModArith.Data;
using ModArith.Web.Jobs;
using ModArith.Web.Options;

namespace ModArith.Web;

/// <summary>Service registration and the safe-by-default network rules.</summary>
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

        services.AddSingleton<RunQueue>();
        services.AddSingleton<RunEventChannel>();
        services.AddSingleton<RunService>();
        services.AddSingleton<RunNotifier>();
        services.AddSingleton<Sweeps.SweepService>();
        services.AddSingleton<Sweeps.SweepReader>();
        services.AddSingleton<Runs.RunReader>();
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
        services.AddOpenApi();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        // Requests are small JSON documents: cap bodies so one request cannot exhaust memory.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1 << 20);
        return builder;
    }

    /// <summary>
    /// Refuses to start when listening beyond loopback without Dashboard:AccessToken; with a token
    /// set, every request (UI, API, hub) must present it as a Bearer header, an access_token query
    /// parameter (set once, then kept in a cookie) or that cookie.
    /// </summary>
    public static WebApplication UseDashboardSecurity(this WebApplication app)
    {
        var token = app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.AccessToken;
        var urls = (app.Configuration["urls"] ?? app.Configuration["ASPNETCORE_URLS"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        var exposed = urls.Where(u => !IsLoopback(u)).ToList();
        if (exposed.Count > 0 && string.IsNullOrWhiteSpace(token))
            throw new InvalidOperationException($"Dashboard:AccessToken must be set to listen beyond loopback ({string.Join(", ", exposed)}).");
        if (string.IsNullOrWhiteSpace(token)) return app;

        app.Use(async (context, next) =>
        {
            var presented = context.Request.Headers.Authorization.ToString() is var h && h.StartsWith("Bearer ", StringComparison.Ordinal) ? h[7..]
                : context.Request.Query["access_token"].FirstOrDefault() ?? context.Request.Cookies["modarith_token"];
            if (!string.Equals(presented, token, StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsync("access token required");
                return;
            }
            if (context.Request.Query.ContainsKey("access_token"))
                context.Response.Cookies.Append("modarith_token", token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict });
            await next();
        });
        return app;
    }

    private static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("*", "0.0.0.0").Replace("+", "0.0.0.0"), UriKind.Absolute, out var uri)) return false;
        return uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
