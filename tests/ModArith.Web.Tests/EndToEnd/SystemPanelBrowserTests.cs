using System.Text.Json;
using Microsoft.Playwright;

namespace ModArith.Web.Tests.EndToEnd;

/// <summary>A run page's system panel in Chromium: the process's CPU, memory and threads, and the run's log, arriving live.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SystemPanelBrowserTests
{
    [Fact]
    public async Task The_system_panel_fills_in_live_from_queued_to_cancelled()
    {
        await using var app = await DashboardProcess.StartAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });

        // One run holds the only slot, so the watched run is still queued when its page opens.
        int blocker = (await app.Http.CreateRunAsync(JsonSerializer.SerializeToNode(TinyRuns.Request("blocker", steps: 20_000, evalEvery: 200))!.AsObject()))
            .GetProperty("id").GetInt32();
        int id = (await app.Http.CreateRunAsync(JsonSerializer.SerializeToNode(TinyRuns.Request("watched", steps: 20_000, evalEvery: 50))!.AsObject()))
            .GetProperty("id").GetInt32();
        await page.GotoAsync($"{app.BaseUrl}/runs/{id}");
        await page.WaitForCircuitAsync();
        await page.WaitForSelectorAsync("#run-log");
        Assert.Equal("Queued", (await app.Http.GetRunAsync(id)).GetProperty("status").GetString());
        Assert.DoesNotContain("training on", await page.InnerTextAsync("#run-log"));
        Assert.Contains("no samples yet", await page.InnerTextAsync("#system-now"));

        // Without a reload: the run starts, its log lines and the process's samples arrive.
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await app.Http.PostAsync($"/api/runs/{blocker}/cancel", null)).StatusCode);
        await page.WaitForFunctionAsync("() => document.querySelector('#run-log').innerText.includes('training on cpu')", null, new() { Timeout = 60_000 });
        Assert.Contains("started (attempt 1 on embedded)", await page.InnerTextAsync("#run-log"));
        await page.WaitForLineAsync("CPU", "attempt 1", "pts.length >= 2 && pts.every(p => p[1] >= 0)");
        await page.WaitForLineAsync("Memory (resident)", "attempt 1", "pts.length >= 2 && pts.every(p => p[1] > 20)"); // MB
        await page.WaitForLineAsync("Threads", "attempt 1", "pts.length >= 2 && pts.every(p => p[1] >= 2)");
        var now = await page.InnerTextAsync("#system-now");
        Assert.Matches(@"\d+% CPU \(\d+ cores? = \d+%\)", now);
        Assert.Matches(@"[\d,]+ MB resident", now);
        Assert.Matches(@"\d+ threads", now);
        // The CPU chart's dashed ceiling: every core busy.
        Assert.Contains((await page.InspectAsync("CPU")).Legend, t => t.StartsWith($"all {Environment.ProcessorCount} cores"));
        await page.ScreenshotAsync("run-page-system-panel");

        // A cancel: the request and the stop appear as they happen, the stop as a warning.
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await app.Http.PostAsync($"/api/runs/{id}/cancel", null)).StatusCode);
        await page.WaitForSelectorAsync("#run-log tr.log-warning:has-text('cancelled at step')", new() { Timeout = 60_000 });
        var log = await page.InnerTextAsync("#run-log");
        Assert.True(log.IndexOf("cancel requested", StringComparison.Ordinal) < log.IndexOf("cancelled at step", StringComparison.Ordinal), log);
        await page.Locator("#system-panel").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync("run-page-system-panel-cancelled");
    }
}
