using System.Text.Json;
using Microsoft.Playwright;
using ModArith.Core.Config;
using ModArith.Data;

namespace ModArith.Web.Tests.EndToEnd;

/// <summary>A run's page in Chromium: what a researcher watches while a run trains.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RunPageBrowserTests
{
    [Fact]
    public async Task The_run_page_shows_chance_keeps_view_choices_and_cancels_only_after_confirmation()
    {
        await using var app = await DashboardProcess.StartAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });

        // Long enough to still be training when cancelled.
        var request = JsonSerializer.SerializeToNode(TinyRuns.Request("watched", steps: 20_000, evalEvery: 20))!.AsObject();
        int id = (await app.Http.CreateRunAsync(request)).GetProperty("id").GetInt32();
        await page.GotoAsync($"{app.BaseUrl}/runs/{id}");
        await page.WaitForCircuitAsync();
        await page.WaitForChartAsync("Accuracy", 2);

        // The accuracy chart's dashed chance line sits at 1/p (p = 7) across the run.
        var accuracy = await page.InspectAsync("Accuracy");
        var chance = accuracy.Get("chance 1/7");
        Assert.NotEmpty(chance.Points);
        Assert.All(chance.Points, p => Assert.Equal(1.0 / 7, p[1], 12));
        Assert.Contains(accuracy.Legend, t => t.StartsWith("chance 1/7"));
        // y fits the data (all near chance for a tiny model) unless 0-100% is asked for.
        Assert.True(accuracy.YRange[1] < 1, $"y range {accuracy.YRange[0]}..{accuracy.YRange[1]}");

        // Charts above the fold at 1440x900.
        var box = await page.Locator("[data-chart=Loss]").BoundingBoxAsync();
        Assert.True(box!.Y + 200 < 900, $"the loss chart starts at {box.Y} px");
        await page.ScreenshotAsync("run-page-1440");

        // Log scale, smoothing and the 0-100% range persist across a reload.
        await page.CheckAsync("#log-loss");
        await page.CheckAsync("#accuracy-full");
        await page.FillAsync("#smoothing", "0.8");
        await page.WaitForSelectorAsync("[data-chart=Loss][data-log=true]");
        // The choices are written to localStorage by the server's interop call after the chart redraws:
        // reload once they are stored (a reload within those milliseconds would lose the last one).
        await page.WaitForFunctionAsync("() => localStorage.getItem('modarith.charts.logLoss') === 'true' && localStorage.getItem('modarith.charts.accuracyFullRange') === 'true' && localStorage.getItem('modarith.charts.smoothing') === '0.8'");
        await page.ReloadAsync();
        await page.WaitForCircuitAsync();
        await page.WaitForSelectorAsync("[data-chart=Loss][data-log=true]");
        Assert.True(await page.IsCheckedAsync("#log-loss"));
        Assert.Equal("0.8", await page.InputValueAsync("#smoothing"));
        await page.WaitForChartAsync("Loss", 2);
        var loss = await page.InspectAsync("Loss");
        Assert.True(loss.LogY);
        var raw = loss.Get("train (every 10 steps) (raw)");
        Assert.False(raw.Legend); // the faint raw curve behind the smoothed one has no legend entry
        Assert.DoesNotContain(loss.Legend, t => t.Contains("(raw)"));
        var fullRange = (await page.InspectAsync("Accuracy")).YRange;
        Assert.Equal(new double[] { 0, 1 }, fullRange);

        // Cancel asks first; "Keep training" leaves the run alone.
        await page.ClickAsync("#cancel");
        await page.WaitForSelectorAsync("#cancel-confirm");
        await page.ClickAsync("#cancel-no");
        await page.WaitForSelectorAsync("#cancel");
        Assert.Equal("Running", (await app.Http.GetRunAsync(id)).GetProperty("status").GetString());
        await page.ClickAsync("#cancel");
        await page.ClickAsync("#cancel-yes");
        await app.Http.WaitForStatusAsync(id, TimeSpan.FromSeconds(60), "Cancelled");
        await page.WaitForSelectorAsync("#status-message");
        // One step count: the progress beside "stopped at step N" says N too.
        var message = await page.InnerTextAsync("#status-message");
        int stoppedAt = int.Parse(System.Text.RegularExpressions.Regex.Match(message, @"stopped at step (\d+)").Groups[1].Value);
        await page.WaitForFunctionAsync("n => document.querySelector('#run-progress .progress-text').textContent.startsWith(n)", stoppedAt.ToString("N0"));
        Assert.Equal(stoppedAt, (await app.Http.GetRunAsync(id)).GetProperty("currentStep").GetInt32());
        await page.ScreenshotAsync("run-page-cancelled");
    }

    /// <summary>A run stored before per-step logging: evaluations only, no per-step points.</summary>
    private static async Task SeedRunWithoutStepLogAsync(ModArithDbContext db)
    {
        var config = ConfigJson.Serialize(ConfigLoader.Load(null, ["preset=cpu-small"]));
        var run = new Run
        {
            Name = "before-step-logging", ConfigJson = config, Preset = "cpu-small", Status = RunStatus.Completed, CreatedAt = DateTimeOffset.UtcNow,
            StartedAt = DateTimeOffset.UtcNow.AddMinutes(-5), FinishedAt = DateTimeOffset.UtcNow, CurrentStep = 200, TotalSteps = 200,
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        foreach (int step in new[] { 100, 200 })
            db.MetricPoints.Add(new MetricPoint { RunId = run.Id, Step = step, TrainLoss = 2.5 - step / 1000.0, IdTrainAccuracy = 0.2, OodTestAccuracy = 0.15 });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_run_from_before_per_step_logging_draws_its_evaluation_loss_and_says_its_step_curves_were_not_recorded()
    {
        await using var app = await DashboardProcess.StartAsync(SeedRunWithoutStepLogAsync);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });

        await page.GotoAsync($"{app.BaseUrl}/runs/1");
        await page.WaitForCircuitAsync();
        await page.WaitForChartAsync("Loss", 2);
        var train = (await page.InspectAsync("Loss")).Get("train (mean since the previous evaluation)");
        Assert.Equal([100.0, 200.0], train.Points.Select(p => p[0]));
        // The learning-rate and gradient-norm charts are empty and say why, instead of staying blank.
        Assert.Equal(2, await page.Locator(".not-logged").CountAsync());
        Assert.Contains("trained before per-step logging", await page.InnerTextAsync(".not-logged >> nth=0"));

        // A run trained now has its step curves and no such note.
        int id = (await app.Http.CreateRunAsync(TinyRuns.Request("logged", steps: 20, evalEvery: 10))).GetProperty("id").GetInt32();
        await app.Http.WaitForStatusAsync(id, TimeSpan.FromSeconds(120), "Completed");
        await page.GotoAsync($"{app.BaseUrl}/runs/{id}");
        await page.WaitForCircuitAsync();
        await page.WaitForChartAsync("Learning rate", 1);
        Assert.Equal(0, await page.Locator(".not-logged").CountAsync());
    }
}
