using Microsoft.Playwright;

namespace ModArith.Web.Tests.EndToEnd;

/// <summary>The dashboard used as a researcher would: in Chromium, against a real server process.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests
{
    /// <summary>Number of points drawn in the line series of the chart titled <paramref name="title"/>.</summary>
    private static Task<int> PointsDrawnAsync(IPage page, string title) => page.EvaluateAsync<int>("""
        title => {
            const chart = document.querySelector(`[data-chart="${title}"]`);
            if (!chart) return 0;
            // ApexCharts draws one path per series; count the segments of the longest one.
            const paths = [...chart.querySelectorAll('path.apexcharts-line')].map(p => p.getAttribute('d') || '');
            return Math.max(0, ...paths.map(d => (d.match(/[LC]/g) || []).length + (d.length > 0 ? 1 : 0)));
        }
        """, title);

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
        await page.WaitForFunctionAsync("() => document.querySelector('[data-chart=Accuracy] path.apexcharts-line') !== null", null, new() { Timeout = 60_000 });
        await page.WaitForSelectorAsync("[data-status=Completed]", new() { Timeout = 120_000 });
        Assert.True(await PointsDrawnAsync(page, "Loss") >= 6, "expected the six evaluations on the loss chart");
        await page.ScreenshotAsync("run-detail");

        // A second run (through the API, as a script would), then compare both from the runs page.
        var second = await app.Http.CreateRunAsync(TinyRuns.Request("api-run", steps: 30, evalEvery: 10));
        int secondId = second.GetProperty("id").GetInt32();
        await app.Http.WaitForStatusAsync(secondId, TimeSpan.FromSeconds(120), "Completed");

        await page.GotoAsync(app.BaseUrl + "/");
        await page.WaitForCircuitAsync();
        await page.CheckAsync($"tr[data-run-id='{firstId}'] input[type=checkbox]");
        await page.CheckAsync($"tr[data-run-id='{secondId}'] input[type=checkbox]");
        await page.ClickAsync("#compare-selected");
        await page.WaitForFunctionAsync("() => location.pathname === '/compare' && location.search.startsWith('?ids=')", null, new() { Timeout = 60_000 });
        await page.WaitForSelectorAsync(".apexcharts-legend-text");
        var legend = await page.Locator("[data-chart='o.o.d. test accuracy'] .apexcharts-legend-text").AllInnerTextsAsync();
        Assert.Contains(legend, t => t.Contains($"#{firstId} browser-run"));
        Assert.Contains(legend, t => t.Contains($"#{secondId} api-run"));
        Assert.Equal(1, await page.Locator("tr.differs[data-key=steps]").CountAsync());
        Assert.Equal(0, await page.Locator("tr.differs[data-key=p]").CountAsync());
        await page.ScreenshotAsync("compare");
    }
}
