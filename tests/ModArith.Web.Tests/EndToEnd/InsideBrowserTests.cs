using Microsoft.Playwright;

namespace ModArith.Web.Tests.EndToEnd;

/// <summary>The interpretability page of a tiny trained run, in Chromium against a real server process.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InsideBrowserTests
{
    // TinyRuns: cpu-small (p = 7, k = 8, depth 2) with 2 heads; the page starts at min(8, k-1) = 7 shots.
    private const int P = 7, Depth = 2, Heads = 2, Shots = 7, TopNeurons = 16;

    private static Task<int[]> CellsAsync(IPage page, string selector) =>
        page.EvaluateAsync<int[]>($"() => [...document.querySelectorAll('{selector}')].map(e => e.querySelector('canvas') ? Number(e.dataset.cells ?? e.dataset.points ?? -1) : 0)");

    /// <summary>Pixels of a plot's canvas that are not background: proves something was painted.</summary>
    private static Task<int> PaintedPixelsAsync(IPage page, string selector) => page.EvaluateAsync<int>($$"""
        () => {
            const canvas = document.querySelector('{{selector}} canvas');
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let painted = 0;
            for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
            return painted;
        }
        """);

    private static Task WaitComputedAsync(IPage page, string section, string? step = null) =>
        page.WaitForFunctionAsync($"() => document.querySelector('#{section} .section-head .field-help')?.textContent.includes('computed in'){(step is null ? "" : $" && document.querySelector('#{section} .section-head .field-help').textContent.includes('step {step})')")}",
            null, new() { Timeout = 90_000 });

    [Fact]
    public async Task The_page_of_a_tiny_run_draws_every_heatmap_grid_and_scatter()
    {
        await using var app = await DashboardProcess.StartAsync();
        int id = (await app.Http.CreateRunAsync(TinyRuns.Request("inside-e2e", steps: 20, evalEvery: 10))).GetProperty("id").GetInt32();
        await app.Http.WaitForStatusAsync(id, TimeSpan.FromSeconds(120), "Completed");
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });

        // Reached from the run's page.
        await page.GotoAsync($"{app.BaseUrl}/runs/{id}");
        await page.WaitForCircuitAsync();
        await page.ClickAsync("#look-inside");
        await page.WaitForFunctionAsync($"() => location.pathname === '/runs/{id}/inside'");
        await page.WaitForCircuitAsync();
        foreach (var section in new[] { "correctness-section", "attention-section", "neuron-section", "pca-section", "shots-section" })
        {
            try { await WaitComputedAsync(page, section); }
            catch (TimeoutException e) { throw new Xunit.Sdk.XunitException($"{section} never computed ({e.Message}); the page says:\n{await page.InnerTextAsync("main")}\n--- dashboard output:\n{app.Output}"); }
        }
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#pca-section canvas').length > 0");

        int time = 3 * Shots + 2;
        Assert.Equal(Enumerable.Repeat(time * time, Depth * Heads), await CellsAsync(page, ".attention-map"));
        Assert.Equal(Enumerable.Repeat(P * P, 2 * TopNeurons), await CellsAsync(page, ".neuron-map, .neuron-spectrum"));
        Assert.Equal(new[] { P * P }, await CellsAsync(page, "#grid"));
        int[] pcaPoints = [.. Enumerable.Repeat(P * P, 3 * Heads), P, P, P];
        Assert.Equal(pcaPoints, await CellsAsync(page, ".pca-plot"));
        Assert.True(await PaintedPixelsAsync(page, "#att-1-1") > 1000);
        Assert.True(await PaintedPixelsAsync(page, "#grid") > 1000);
        var shots = await page.InspectAsync("Accuracy vs shots");
        Assert.Equal(Shots + 1, shots.Get("o.o.d. tasks (oodTest)").Points.Length);
        Assert.NotEmpty(shots.Get("paper, o.o.d. (p = 29)").Points);
        // Each shot's 95% interval brackets the measured accuracy, is drawn without a legend entry,
        // and is visibly wide at the default sample of sequences.
        var ood = shots.Get("o.o.d. tasks (oodTest)").Points;
        var (low, high) = (shots.Get("o.o.d. 95% interval, low"), shots.Get("o.o.d. 95% interval, high"));
        Assert.False(low.Legend);
        Assert.All(Enumerable.Range(0, ood.Length), i => Assert.InRange(ood[i][1], low.Points[i][1], high.Points[i][1]));
        Assert.All(Enumerable.Range(0, ood.Length), i => Assert.True(high.Points[i][1] - low.Points[i][1] > 0.03));
        Assert.Equal(Shots, await page.Locator("#context-chips .chip").CountAsync());
        await page.ScreenshotAsync("inside");

        // A typed context that breaks the task is refused with a message naming the example.
        await page.CheckAsync("#ctx-typed");
        await page.FillAsync("#context", "1,1,1");
        await page.PressAsync("#context", "Tab");
        await page.WaitForSelectorAsync("[data-error='context[0]']");
        Assert.Contains("a·x + b·y", await page.InnerTextAsync("[data-error='context[0]']"));
        // The plots still shown are marked as from the earlier request (accuracy vs shots takes no context: current).
        await page.WaitForSelectorAsync("#stale-note");
        await page.WaitForSelectorAsync("#correctness-section.stale");
        Assert.Equal(0, await page.Locator("#shots-section.stale").CountAsync());

        // Scrubbing to the first checkpoint recomputes for step 10.
        await page.CheckAsync("input[name=ctx]:not(#ctx-typed)");
        await page.Locator("#scrubber").EvaluateAsync("(el) => { el.value = 0; el.dispatchEvent(new Event('change', { bubbles: true })); }");
        await WaitComputedAsync(page, "correctness-section", step: "10");
        await page.WaitForSelectorAsync("#stale-note", new() { State = WaitForSelectorState.Detached });
        Assert.Contains("step 10", await page.InnerTextAsync("#checkpoint option:checked"));
    }
}
