using ModArith.Web;
using ModArith.Web.Api;
using ModArith.Web.Components;
using ModArith.Web.Hubs;
using ModArith.Web.Runs.Queue;
using ModArith.Web.Workers;
using ModArith.Web.Security;

// `ModArith.Web worker …`: a cluster worker process (same binary and configuration keys, no web server).
if (args is ["worker", ..])
{
    await WorkerHost.RunAsync(args[1..]);
    return 0;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddDashboard();

var app = builder.Build();
try
{
    app.UseDashboardSecurity();
    await app.PrepareDatabaseAsync();
}
catch (StartupFailure e)
{
    // Something the person starting the dashboard can fix: one line, no stack trace.
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

// Unknown page addresses get the app's own not-found page, with status 404 (the API keeps its own answers).
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.Use((context, next) =>
{
    if (!HttpMethods.IsGet(context.Request.Method) || context.Request.Path.StartsWithSegments("/api"))
        context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>()?.Enabled = false;
    return next(context);
});
app.UseAntiforgery();
app.MapStaticAssets();
app.MapOpenApi();
app.MapHealthChecks(DatabaseHealthCheck.Path);
app.MapRunApi();
app.MapSweepApi();
app.MapPredictApi();
app.MapAnalysisApi();
app.MapWorkerApi();
app.MapHub<RunsHub>(RunsHub.Path);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
return Environment.ExitCode;

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
