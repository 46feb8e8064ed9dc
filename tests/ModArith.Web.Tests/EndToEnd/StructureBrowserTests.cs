using System.Text.Json;
using Microsoft.Playwright;

namespace ModArith.Web.Tests.EndToEnd;

/// <summary>The structure metrics in Chromium: the run page's structure chart and attention heatmap, live; Compare's structure choice.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StructureBrowserTests
{
    private const string Chart = "Structure";

    [Fact]
    public async Task The_structure_chart_and_the_attention_heatmap_grow_live_and_compare_offers_the_structure_metrics()
    {
        await using var app = await DashboardProcess.StartAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });

        // Long enough to still be training while the page watches; cancelled at the end.
        var request = JsonSerializer.SerializeToNode(TinyRuns.Request("structure-watched", steps: 20_000, evalEvery: 20))!.AsObject();
        int id = (await app.Http.CreateRunAsync(request)).GetProperty("id").GetInt32();
        var run = await app.Http.GetRunAsync(id);
        int rows = run.GetProperty("config").GetProperty("depth").GetInt32() * run.GetProperty("config").GetProperty("heads").GetInt32();

        await page.GotoAsync($"{app.BaseUrl}/runs/{id}");
        await page.WaitForCircuitAsync();
        await page.WaitForLineAsync(Chart, "copy-free o.o.d.", "pts.length >= 1");
        int before = (await page.InspectAsync(Chart)).Get("copy-free o.o.d.").Points.Length;
        // It grows while the run trains, without a reload.
        await page.WaitForLineAsync(Chart, "copy-free o.o.d.", $"pts.length >= {before + 2}");
        var drawn = await page.InspectAsync(Chart);
        foreach (var line in new[] { "copy-free i.d.", "copy-free o.o.d.", "ratio-matching agreement", "modular-regression agreement", "embedding top-frequency share" })
        {
            Assert.Contains(drawn.Legend, t => t.StartsWith(line));
            Assert.All(drawn.Get(line).Points, p => Assert.InRange(p[1], 0, 1));
        }
        Assert.Contains(drawn.Legend, t => t.StartsWith("chance 1/7"));
        Assert.Equal(new double[] { 0, 1 }, drawn.YRange);
        Assert.NotEmpty(drawn.XTicks);

        // The heatmap: one row per layer and head, one column per evaluation so far, also growing live.
        var heatmap = page.Locator("#attention-heatmap");
        await page.WaitForFunctionAsync("n => Number(document.querySelector('#attention-heatmap').dataset.columns) >= n", before + 2);
        Assert.Equal(rows, int.Parse((await heatmap.GetAttributeAsync("data-rows"))!));
        int columns = int.Parse((await heatmap.GetAttributeAsync("data-columns"))!);
        Assert.Equal(rows * columns, await page.Locator("#attention-heatmap rect.hm-cell").CountAsync());
        await page.WaitForFunctionAsync("n => Number(document.querySelector('#attention-heatmap').dataset.columns) > n", columns);
        // Axes and colour scale: head labels, step labels, a legend bar from 0 to 1.
        Assert.Equal("L0 H0", await page.Locator("#attention-heatmap text.hm-axis").First.TextContentAsync());
        Assert.True(await page.Locator("#attention-heatmap text.hm-xtick").CountAsync() >= 2);
        Assert.Equal(1, await page.Locator("#attention-heatmap rect.hm-legend").CountAsync());
        Assert.Contains("step", await page.Locator("#attention-heatmap svg").TextContentAsync());
        // Another relation recolours the cells with that relation's values.
        string Values() => "() => [...document.querySelectorAll('#attention-heatmap rect.hm-cell')].slice(0, 4).map(r => r.dataset.value).join(',')";
        var yToOwnX = await page.EvaluateAsync<string>(Values());
        await page.SelectOptionAsync("#attention-relation", "zToEarlierZ");
        await page.WaitForFunctionAsync($"v => ({Values()})() !== v", yToOwnX);
        Assert.Contains("z → earlier z", await page.Locator("#attention-heatmap rect.hm-cell title").First.TextContentAsync());

        await page.Locator("#structure").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync("run-page-structure");
        var dir = Environment.GetEnvironmentVariable("MODARITH_SCREENSHOTS");
        if (!string.IsNullOrEmpty(dir)) await page.ScreenshotAsync(new() { Path = Path.Combine(dir, "run-page-structure-viewport.png") });

        // Compare: the structure metrics are a choice of their own chart, live too.
        await page.GotoAsync($"{app.BaseUrl}/compare?ids={id}");
        await page.WaitForCircuitAsync();
        string label = $"#{id} structure-watched";
        await page.WaitForLineAsync("o.o.d. copy-free accuracy", label, "pts.length >= 1");
        await page.SelectOptionAsync("#structure-metric", "modularRegression");
        await page.WaitForLineAsync("Modular-regression agreement", label, "pts.length >= 2");
        int compared = (await page.InspectAsync("Modular-regression agreement")).Get(label).Points.Length;
        await page.WaitForLineAsync("Modular-regression agreement", label, $"pts.length > {compared}");
        await page.ScreenshotAsync("compare-structure");

        await app.Http.PostAsync($"/api/runs/{id}/cancel", null);
        await app.Http.WaitForStatusAsync(id, TimeSpan.FromSeconds(60), "Cancelled");
    }
}
