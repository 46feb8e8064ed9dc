using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace ModArith.Web.Tests.EndToEnd;

/// <summary>A sweep launched from the browser, watched on its phase diagram as it fills in.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SweepBrowserTests
{
    private const string EvaluatedCells = ".phase-diagram td.cell[data-phase]:not([data-phase=''])";

    [Fact]
    public async Task Launch_a_2x2_sweep_from_the_form_and_watch_the_phase_diagram_fill_in()
    {
        await using var app = await DashboardProcess.StartAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });

        await page.GotoAsync(app.BaseUrl + "/sweeps/new");
        await page.WaitForCircuitAsync();
        await page.SelectOptionAsync("#source", "preset:cpu-small");
        // Let the server's re-render of the chosen source land before typing, or it can overwrite what is typed.
        await page.WaitForFunctionAsync("() => document.querySelector('#sweep-base').value.includes('cpu-small') && document.querySelector('#grid-numTasks').value === ''");
        await page.FillAsync("#sweep-name", "browser-sweep");
        await page.FillAsync("#sweep-base", """
            { "preset": "cpu-small", "steps": 20, "evalEvery": 10, "evalSequences": 32, "dModel": 16, "heads": 2, "warmupSteps": 5, "checkpointCount": 2 }
            """);

        // Checked per field before submit: 16 does not divide cpu-small's batch of 120.
        await page.FillAsync("#grid-numTasks", "4, 16");
        await page.WaitForSelectorAsync("[data-field-error='grid.numTasks[1]']");
        Assert.Contains("multiple of numTasks", await page.InnerTextAsync("[data-field-error='grid.numTasks[1]']"));
        Assert.True(await page.IsDisabledAsync("#launch-sweep"));

        await page.FillAsync("#grid-numTasks", "4, 8");
        await page.FillAsync("#grid-alpha", "0.4, 0.8");
        // The button is already enabled by the numTasks change (6 runs with the default alphas): wait for
        // the server's answer to the alpha change too, then the count must be 2 × 2.
        await page.WaitForFunctionAsync("() => !document.querySelector('#launch-sweep').disabled && document.querySelector('#run-count').textContent.includes('4 runs')", null, new() { Timeout = 30_000 });
        Assert.Contains("4 runs", await page.InnerTextAsync("#run-count"));
        await page.ScreenshotAsync("new-sweep");
        await page.ClickAsync("#launch-sweep");

        await page.WaitForFunctionAsync("() => /\\/sweeps\\/\\d+$/.test(location.pathname)", null, new() { Timeout = 60_000 });
        await page.WaitForCircuitAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.phase-diagram td.cell').length === 4", null, new() { Timeout = 30_000 });
        // The cells fill in live, without reloading the page, as the runs are evaluated...
        Assert.True(await page.Locator(EvaluatedCells).CountAsync() < 4, "the last run cannot be evaluated yet");
        await page.WaitForFunctionAsync($"() => document.querySelectorAll(\"{EvaluatedCells}\").length === 4", null, new() { Timeout = 180_000 });
        await page.WaitForFunctionAsync("() => document.querySelector('#sweep-progress').textContent.startsWith('4/4')", null, new() { Timeout = 60_000 });

        // ...each with a phase from the API's list and the run's o.o.d. accuracy, linking to the run.
        string[] phases = ["notLearned", "idMemorization", "idGeneralization", "oodMemorization", "oodGeneralization"];
        foreach (var cell in await page.Locator(".phase-diagram td.cell").AllAsync())
        {
            Assert.Contains(await cell.GetAttributeAsync("data-phase"), phases);
            Assert.EndsWith("%", (await cell.InnerTextAsync()).Trim().TrimEnd('↓').Trim());
            Assert.Matches("^/runs/\\d+$", await cell.Locator("a").GetAttributeAsync("href") ?? "");
        }
        // The accuracy-vs-n_id chart has a log2 axis whose ticks are the whole powers of two around n_id 4..8,
        // and draws the o.o.d. test accuracy of each run at its best o.o.d. evaluation, at the largest alpha.
        await page.WaitForChartAsync("accuracy vs n_id", 2);
        var chart = await page.InspectAsync("accuracy vs n_id");
        Assert.Equal(["4", "8"], chart.XTicks);
        int sweepId = int.Parse(page.Url.Split('/')[^1]);
        var runs = (await app.Http.GetFromJsonAsync<JsonElement>($"/api/sweeps/{sweepId}")).GetProperty("runs").EnumerateArray()
            .Where(r => r.GetProperty("alpha").GetDouble() == 0.8).OrderBy(r => r.GetProperty("numTasks").GetInt32()).ToList();
        double[][] Expected(string measure) => runs.Select(r => new[] { Math.Log2(r.GetProperty("numTasks").GetInt32()), r.GetProperty("atBestOod").GetProperty(measure).GetDouble() }).ToArray();
        Assert.Equal(Expected("oodTest"), chart.Get("depth 2 · o.o.d. test").Points);
        // Another measure from the menu replaces the curve without reloading the page.
        await page.SelectOptionAsync("#chart-measure", "idTrain");
        await page.WaitForLineAsync("accuracy vs n_id", "depth 2 · i.d. train", "pts.length === 2");
        Assert.Equal(Expected("idTrain"), (await page.InspectAsync("accuracy vs n_id")).Get("depth 2 · i.d. train").Points);
        await page.ScreenshotAsync("sweep");

        await page.ClickAsync("#view-end");
        await page.WaitForSelectorAsync("#view-end.btn-primary");
        await page.ClickAsync(".phase-diagram td.cell a");
        await page.WaitForFunctionAsync("() => /\\/runs\\/\\d+$/.test(location.pathname)", null, new() { Timeout = 30_000 });
        await page.WaitForSelectorAsync("#run-sweep");
        Assert.Equal("browser-sweep", await page.InnerTextAsync("#run-sweep"));
        Assert.NotNull(await page.Locator("#run-phase [data-phase]").First.GetAttributeAsync("data-phase"));
        await page.ScreenshotAsync("sweep-run");
    }
}
