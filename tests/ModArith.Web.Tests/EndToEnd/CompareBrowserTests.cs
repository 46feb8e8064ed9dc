using Microsoft.Playwright;

namespace ModArith.Web.Tests.EndToEnd;

/// <summary>The comparison in Chromium: live while its runs train, runs added and removed on the page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CompareBrowserTests
{
    [Fact]
    public async Task Compare_names_unknown_ids_adds_and_removes_runs_updates_live_and_shares_the_cursor()
    {
        await using var app = await DashboardProcess.StartAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });

        int done = (await app.Http.CreateRunAsync(TinyRuns.Request("finished", steps: 40, evalEvery: 10))).GetProperty("id").GetInt32();
        await app.Http.WaitForStatusAsync(done, TimeSpan.FromSeconds(120), "Completed");
        int live = (await app.Http.CreateRunAsync(TinyRuns.Request("training", steps: 20_000, evalEvery: 20))).GetProperty("id").GetInt32();

        // An id that matches no run is named, not silently dropped.
        await page.GotoAsync($"{app.BaseUrl}/compare?ids={done},99999");
        await page.WaitForCircuitAsync();
        Assert.Contains("99999", await page.InnerTextAsync("#compare-missing"));
        await page.WaitForChartAsync("o.o.d. test accuracy", 4);

        // Add the training run on the page itself.
        await page.FillAsync("#add-run", live.ToString());
        await page.PressAsync("#add-run", "Enter");
        await page.WaitForSelectorAsync($".run-chip[data-run-id='{live}']");
        Assert.EndsWith($"ids={done},{live}", page.Url);
        string liveLabel = $"#{live} training";
        await page.WaitForLineAsync("o.o.d. test accuracy", liveLabel, "pts.length >= 1");
        int before = (await page.InspectAsync("o.o.d. test accuracy")).Get(liveLabel).Points.Length;
        // ...and its curve grows while it trains, without a reload.
        await page.WaitForLineAsync("o.o.d. test accuracy", liveLabel, $"pts.length >= {before + 2}");
        var grown = (await page.InspectAsync("o.o.d. test accuracy")).Get(liveLabel).Points;
        Assert.True(grown.Length >= before + 2, $"{before} -> {grown.Length} points: {string.Join(" ", grown.Select(p => p[0]))}");
        var lossLines = (await page.InspectAsync("Training loss")).Lines.Select(l => l.Label).ToList();
        Assert.Contains(liveLabel, lossLines);
        Assert.Contains($"#{done} finished", lossLines);
        await page.ScreenshotAsync("compare-live");

        // One read-out across charts: hovering one chart shows the same step on another.
        var over = page.Locator("[data-chart='i.d. test accuracy'] .u-over");
        var box = (await over.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width * 0.5f, box.Y + box.Height * 0.5f);
        string XValue(string title) => $"document.querySelector(\"[data-chart='{title}'] .u-legend .u-series:first-child .u-value\").textContent";
        await page.WaitForFunctionAsync($"() => /\\d/.test({XValue("o.o.d. train accuracy")})");
        Assert.Equal(await page.EvaluateAsync<string>(XValue("i.d. test accuracy")), await page.EvaluateAsync<string>(XValue("o.o.d. train accuracy")));

        // Relative time: x is seconds since each run started, no longer the step.
        await page.SelectOptionAsync("#x-axis", "Relative");
        await page.WaitForLineAsync("i.d. train accuracy", $"#{done} finished", "pts.length === 4 && pts[3][0] < 39", 30_000);

        // Remove the finished run: its lines leave every chart.
        await page.ClickAsync($".run-chip[data-run-id='{done}'] .chip-remove");
        await page.WaitForSelectorAsync($".run-chip[data-run-id='{done}']", new() { State = WaitForSelectorState.Detached });
        await page.WaitForNoLineAsync("Training loss", $"#{done} finished");
        Assert.EndsWith($"ids={live}", page.Url);
        await app.Http.PostAsync($"/api/runs/{live}/cancel", null);
    }
}
