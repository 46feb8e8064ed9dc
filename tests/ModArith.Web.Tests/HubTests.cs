using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ModArith.Web.Tests;

public sealed class HubTests : DashboardTest
{
    [Fact]
    public async Task A_client_receives_live_metric_progress_and_status_events()
    {
        var http = Factory.CreateClient();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(Factory.Server.BaseAddress, "/hubs/runs"), o =>
            {
                o.HttpMessageHandlerFactory = _ => Factory.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var metrics = new ConcurrentQueue<JsonElement>();
        var statuses = new ConcurrentQueue<JsonElement>();
        var progress = new ConcurrentQueue<JsonElement>();
        hub.On<JsonElement>("metric", m => metrics.Enqueue(m));
        hub.On<JsonElement>("status", s => statuses.Enqueue(s));
        hub.On<JsonElement>("progress", p => progress.Enqueue(p));
        await hub.StartAsync();
        await hub.InvokeAsync("JoinRunList");

        int id = (await http.CreateRunAsync(TinyRuns.Request("live", steps: 30, evalEvery: 10))).GetProperty("id").GetInt32();
        await hub.InvokeAsync("JoinRun", id);
        await http.WaitForStatusAsync(id, TimeSpan.FromSeconds(90), "Completed");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!statuses.Any(s => s.GetProperty("status").GetString() == "Completed") && DateTime.UtcNow < deadline) await Task.Delay(100);

        Assert.Contains(statuses, s => s.GetProperty("runId").GetInt32() == id && s.GetProperty("status").GetString() == "Running");
        Assert.Contains(statuses, s => s.GetProperty("runId").GetInt32() == id && s.GetProperty("status").GetString() == "Completed");
        var metricSteps = metrics.Where(m => m.GetProperty("runId").GetInt32() == id).Select(m => m.GetProperty("step").GetInt32()).ToList();
        Assert.Contains(30, metricSteps);
        Assert.All(metrics, m => Assert.True(m.TryGetProperty("oodTestAccuracy", out _))); // camelCase metric point
        Assert.Contains(progress, p => p.GetProperty("runId").GetInt32() == id && p.GetProperty("totalSteps").GetInt32() == 30);
    }
}
