using ModArith.Web;
using ModArith.Web.Api;
using ModArith.Web.Components;
using ModArith.Web.Hubs;
using ModArith.Web.Runs.Queue;
using ModArith.Web.Workers;

// `ModArith.Web worker …`: a cluster worker process (same binary and configuration keys, no web server).
if (args is ["worker", ..])
{
    await WorkerHost.RunAsync(args[1..]);
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddDashboard();

var app = builder.Build();
app.UseDashboardSecurity();
await app.PrepareDatabaseAsync();

app.UseAntiforgery();
app.MapStaticAssets();
app.MapOpenApi();
app.MapRunApi();
app.MapSweepApi();
app.MapPredictApi();
app.MapAnalysisApi();
app.MapWorkerApi();
app.MapHub<RunsHub>(RunsHub.Path);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
