using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using ModArith.Web.Runs;
using ModArith.Web.Options;

namespace ModArith.Web.Security;

/// <summary>The safe-by-default network rules: where the dashboard listens, who may use it, from which pages.</summary>
public static class SecuritySetup
{
    public static WebApplicationBuilder AddDashboardSecurity(this WebApplicationBuilder builder, DataPaths paths)
    {
        // The default address lives here, not in appsettings.json: a file setting would override
        // ASPNETCORE_URLS (host settings are read before the file), e.g. a container's 0.0.0.0:8080.
        if (ListenAddresses.Configured(builder.Configuration).Count == 0)
            builder.WebHost.UseUrls(ListenAddresses.Default);
        // Session cookies are sealed with keys kept beside the data, so a restart (or another
        // front-end on the same shared data directory) still accepts them.
        builder.Services.AddDataProtection()
            .SetApplicationName("ModArith.Dashboard")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(paths.Root, "keys")));
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    /// <summary>
    /// Refuses to start when any configured address reaches beyond this machine and no
    /// Dashboard:AccessToken is set; checks the addresses actually bound once the server is up; then
    /// the same-origin guard and the token gate on every request.
    /// </summary>
    public static WebApplication UseDashboardSecurity(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value;
        var token = string.IsNullOrWhiteSpace(options.AccessToken) ? null : options.AccessToken;
        var exposed = ListenAddresses.Configured(app.Configuration).Where(a => !ListenAddresses.IsLoopback(a)).ToList();
        if (exposed.Count > 0 && token is null)
            throw new StartupFailure($"Dashboard:AccessToken must be set to listen beyond this machine ({string.Join(", ", exposed)}): set it (e.g. environment Dashboard__AccessToken=...) or listen on 127.0.0.1 only.");

        if (token is null)
            app.Lifetime.ApplicationStarted.Register(() => StopIfExposed(app));

        var gate = token is null ? null : new AccessToken(token, app.Services.GetRequiredService<IDataProtectionProvider>());
        app.Use(next => new SameOriginGuard(next, options.AllowedOrigins).InvokeAsync);
        app.Use(next => new AccessTokenGate(next, gate).InvokeAsync);
        return app;
    }

    /// <summary>Second line of defence: an address bound by a route the configuration check missed.</summary>
    private static void StopIfExposed(WebApplication app)
    {
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = bound.Where(a => !ListenAddresses.IsLoopback(a)).ToList();
        if (exposed.Count == 0) return;
        Console.Error.WriteLine($"error: listening on {string.Join(", ", exposed)} without Dashboard:AccessToken; stopping. Set the token or listen on 127.0.0.1 only.");
        Environment.ExitCode = 2;
        app.Lifetime.StopApplication();
    }
}
