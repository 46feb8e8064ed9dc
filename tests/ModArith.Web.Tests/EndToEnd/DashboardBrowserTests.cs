using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace ModArith.Web.Tests.EndToEnd;

/// <summary>The dashboard used as a researcher would: in Chromium, against a real server process.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests
{
    private const string MarkupName = "api-run <img src=x onerror=\"window.__xss=true\">";

    [Fact]
    public async Task Launch_a_run_from_the_form_watch_it_live_then_compare_two_runs()
    {
        await using var app = await DashboardProcess.StartAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });

        await page.GotoAsync(app.BaseUrl + "/runs/new");
        await page.WaitForCircuitAsync();

        // Field-level validation before submit.
        await page.FillAsync("#f-p", "8");
        await page.WaitForSelectorAsync("[data-field-error=p]");
        Assert.Contains("prime", await page.InnerTextAsync("[data-field-error=p]"));
        Assert.True(await page.IsDisabledAsync("#launch"));
        await page.FillAsync("#f-p", "7");
        await page.WaitForSelectorAsync("[data-field-error=p]", new() { State = WaitForSelectorState.Detached });

        await page.FillAsync("#name", "browser-run");
        foreach (var (field, value) in new[] { ("steps", "60"), ("evalEvery", "10"), ("evalSequences", "32"), ("dModel", "16"), ("heads", "2"), ("warmupSteps", "5") })
            await page.FillAsync($"#f-{field}", value);
        await page.WaitForFunctionAsync("() => !document.querySelector('#launch').disabled");
        await page.ScreenshotAsync("new-run");
        await page.ClickAsync("#launch");
        // Blazor navigates client-side (no page load): wait for the address itself.
        await page.WaitForFunctionAsync("() => /\\/runs\\/\\d+$/.test(location.pathname)", null, new() { Timeout = 60_000 });
        int firstId = int.Parse(page.Url.Split('/').Last());
        await page.WaitForCircuitAsync();

        // Points arrive on the live chart while the run trains, then the status reaches Completed.
        await page.WaitForChartAsync("Accuracy");
        await page.WaitForSelectorAsync("[data-status=Completed]", new() { Timeout = 120_000 });
        var evaluations = await app.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{firstId}/metrics?format=json");
        Assert.Equal(6, evaluations.GetArrayLength());
        var loss = await page.InspectAsync("Loss");
        Assert.False(loss.LogY);
        Assert.Equal(6, loss.Get("o.o.d. test").Points.Length);
        // The per-step training loss (logEvery 10 by default) arrives live beside the evaluations.
        Assert.Equal([10, 20, 30, 40, 50, 60], loss.Get("train (every 10 steps)").Points.Select(p => p[0]));
        Assert.Equal(6, (await page.InspectAsync("Learning rate")).Get("learning rate").Points.Length);
        await page.ScreenshotAsync("run-detail");

        // Log scale: the same values, placed on a log10 axis (equal ratios, equal distances).
        await page.CheckAsync("#log-loss");
        await page.WaitForSelectorAsync("[data-chart=Loss][data-log=true]");
        var logLoss = await page.InspectAsync("Loss", 0.01, 0.1, 1);
        Assert.True(logLoss.LogY);
        var stored = evaluations.EnumerateArray().Select(m => new[] { m.GetProperty("step").GetDouble(), m.GetProperty("oodTestLoss").GetDouble() }).ToArray();
        var drawn = logLoss.Get("o.o.d. test").Points;
        Assert.Equal(stored.Length, drawn.Length);
        for (int i = 0; i < stored.Length; i++)
        {
            Assert.Equal(stored[i][0], drawn[i][0]);
            Assert.Equal(stored[i][1], drawn[i][1], 1e-9);
        }
        double decade1 = logLoss.Probes[0] - logLoss.Probes[1], decade2 = logLoss.Probes[1] - logLoss.Probes[2];
        Assert.True(decade1 > 0 && Math.Abs(decade1 - decade2) < 0.5, $"a decade should span the same height: {decade1} vs {decade2} px");
        Assert.Equal(logLoss.XTicks.Distinct().Count(), logLoss.XTicks.Length);
        Assert.True(logLoss.XTicks.Length is >= 2 and <= 12, $"x ticks: {string.Join(", ", logLoss.XTicks)}");
        await page.ScreenshotAsync("run-detail-log");

        // A second run (through the API, as a script would), then compare both from the runs page.
        var second = await app.Http.CreateRunAsync(TinyRuns.Request(MarkupName, steps: 30, evalEvery: 10));
        int secondId = second.GetProperty("id").GetInt32();
        await app.Http.WaitForStatusAsync(secondId, TimeSpan.FromSeconds(120), "Completed");

        await page.GotoAsync(app.BaseUrl + "/");
        await page.WaitForCircuitAsync();
        await page.CheckAsync($"tr[data-run-id='{firstId}'] input[type=checkbox]");
        await page.CheckAsync($"tr[data-run-id='{secondId}'] input[type=checkbox]");
        await page.ClickAsync("#compare-selected");
        await page.WaitForFunctionAsync("() => location.pathname === '/compare' && location.search.startsWith('?ids=')", null, new() { Timeout = 60_000 });
        await page.WaitForChartAsync("o.o.d. test accuracy");
        var legend = (await page.InspectAsync("o.o.d. test accuracy")).Legend;
        Assert.Contains(legend, t => t.Contains($"#{firstId} browser-run"));
        // A run name with markup in it is shown as that text; no element is made from it.
        Assert.Contains(legend, t => t.Contains($"#{secondId} {MarkupName}"));
        Assert.Equal(0, await page.Locator("img[src=x]").CountAsync());
        Assert.False(await page.EvaluateAsync<bool>("() => window.__xss === true"));
        Assert.Equal(1, await page.Locator("tr.differs[data-key=steps]").CountAsync());
        Assert.Equal(0, await page.Locator("tr.differs[data-key=p]").CountAsync());
        await page.ScreenshotAsync("compare");
    }
}
