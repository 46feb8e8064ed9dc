using Microsoft.Playwright;
using ModArith.Web.Tests.EndToEnd;

namespace ModArith.Web.Tests.Cluster;

/// <summary>A person on front-end B watching a run started on front-end A and trained by a worker, in headless Chromium.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterBrowserTests(ClusterFixture cluster) : IAsyncLifetime
{
    public Task InitializeAsync() => cluster.EnsureWorkersAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_run_page_on_B_follows_a_run_from_A_live_and_the_workers_page_lists_both_workers()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();

        int id = (await cluster.FrontEndA.Http!.CreateRunAsync(TinyRuns.Request("watched-from-b", steps: 120, evalEvery: 10))).GetProperty("id").GetInt32();
        await page.GotoAsync($"{cluster.FrontEndB.BaseUrl}/runs/{id}");
        await page.WaitForCircuitAsync();
        // No reload: the worker's status events reach B's page through Redis.
        await page.WaitForSelectorAsync("h1 .status[data-status='Completed']", new() { Timeout = 180_000 });
        Assert.Matches(@"^w[12] · 1$", (await page.TextContentAsync("#run-worker"))!.Trim());
        Assert.NotEqual("–", (await page.TextContentAsync("#best-ood"))!.Trim());
        await page.ScreenshotAsync("cluster-run-on-b");

        await page.GotoAsync($"{cluster.FrontEndB.BaseUrl}/workers");
        await page.WaitForSelectorAsync("#workers tr[data-worker='w2']");
        foreach (var (name, node) in cluster.Workers)
        {
            var row = page.Locator($"#workers tr[data-worker='{name}']");
            Assert.Equal("alive", (await row.Locator(".worker-state").TextContentAsync())!.Trim());
            Assert.Contains(node.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), await row.TextContentAsync());
        }
        await page.ScreenshotAsync("cluster-workers");
    }

    /// <summary>
    /// With PostgreSQL the store answers asynchronously, so an interactive page that asked it again
    /// first rendered "Loading…" (the inside page: "no checkpoint yet") over its prerendered content.
    /// Every page that reads at load carries what it prerendered into the interactive page: from the
    /// prerendered text to the interactive one, no placeholder ever shows.
    /// </summary>
    [Fact]
    public async Task Pages_loaded_from_PostgreSQL_go_from_prerendered_to_interactive_without_a_loading_placeholder()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var A = cluster.FrontEndA.Http!;
        int id = (await A.CreateRunAsync(TinyRuns.Request("no-flash"))).GetProperty("id").GetInt32();
        await A.WaitForStatusAsync(id, TimeSpan.FromSeconds(180), "Completed");

        var page = await browser.NewPageAsync();
        // Every text the page's main area shows, from the parsed prerendered HTML on.
        await page.AddInitScriptAsync("""
            window.__shown = [];
            document.addEventListener('DOMContentLoaded', () => {
                const record = () => {
                    const text = document.querySelector('main')?.innerText ?? '';
                    if (window.__shown[window.__shown.length - 1] !== text) window.__shown.push(text);
                };
                record();
                new MutationObserver(record).observe(document.body, { childList: true, subtree: true, characterData: true });
            });
            """);
        foreach (var (path, content) in new[] { ("/", "no-flash"), ("/sweeps", "Sweeps"), ("/workers", "w1"), ($"/runs/{id}", "no-flash"), ($"/runs/{id}/inside", "Checkpoint") })
        {
            IResponse? response;
            try { response = await page.GotoAsync(cluster.FrontEndB.BaseUrl + path); }
            catch (PlaywrightException e) { throw new Xunit.Sdk.XunitException($"{path}: {e.Message}\n{cluster.FrontEndB.Output[^Math.Min(6000, cluster.FrontEndB.Output.Length)..]}"); }
            Assert.True(response is { Ok: true }, $"{path}: {response?.Status}\n{cluster.FrontEndB.Output[^Math.Min(6000, cluster.FrontEndB.Output.Length)..]}");
            await page.WaitForCircuitAsync();
            await page.WaitForTimeoutAsync(300); // the read after the first render, too
            var shown = await page.EvaluateAsync<string[]>("() => window.__shown");
            Assert.True(shown.Length >= 1, path);
            Assert.Contains(content, shown[0]); // prerendered with its content
            // No placeholder the prerendered page did not have (a panel that loads only once
            // interactive, like the run page's system panel, shows its own "Loading…" in both).
            static int Count(string text, string what) => (text.Length - text.Replace(what, "").Length) / what.Length;
            Assert.All(shown, text =>
            {
                Assert.True(Count(text, "Loading…") <= Count(shown[0], "Loading…"), $"{path} showed a placeholder:\n{text}");
                Assert.DoesNotContain("no checkpoint yet", text);
            });
        }
    }

    /// <summary>
    /// Redis stops mid-run, so the worker's events of that time never reach front-end B; when it is
    /// back, B's run page and Compare page read them from the store: every stored step drawn once.
    /// </summary>
    [Fact]
    public async Task Pages_on_B_catch_up_from_the_store_after_Redis_comes_back_with_every_step_once()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var A = cluster.FrontEndA.Http!;
        var B = cluster.FrontEndB.Http!;

        var run = await A.CreateRunAsync(TinyRuns.Request("redis-gap", steps: 20_000, evalEvery: 20));
        int id = run.GetProperty("id").GetInt32();
        string label = $"#{id} redis-gap";
        var runPage = await browser.NewPageAsync();
        await runPage.GotoAsync($"{cluster.FrontEndB.BaseUrl}/runs/{id}");
        await runPage.WaitForCircuitAsync();
        var comparePage = await browser.NewPageAsync();
        await comparePage.GotoAsync($"{cluster.FrontEndB.BaseUrl}/compare?ids={id}");
        await comparePage.WaitForCircuitAsync();
        await runPage.WaitForLineAsync("Accuracy", "i.d. train", "pts.length >= 2", 120_000);
        await comparePage.WaitForLineAsync("i.d. train accuracy", label, "pts.length >= 2", 60_000);

        int before = (await B.MetricStepsAsync(id)).Length;
        cluster.Redis.Stop();
        try
        {
            // Evaluations stored while the live feed is down: their live events are dropped, not queued.
            var outage = Task.Delay(TimeSpan.FromSeconds(8));
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while ((await B.MetricStepsAsync(id)).Length < before + 3)
            {
                Assert.True(DateTime.UtcNow < deadline, "no evaluation stored while Redis was down:\n" + cluster.Logs());
                await Task.Delay(200);
            }
            await outage;
        }
        finally
        {
            cluster.Redis.Start();
        }

        // Still training: the pages catch up because the feed is back (not because the run ended).
        Assert.Equal("Running", (await B.GetRunAsync(id)).GetProperty("status").GetString());
        var storedNow = await B.MetricStepsAsync(id);
        string hasAll = $"{System.Text.Json.JsonSerializer.Serialize(storedNow)}.every(s => pts.some(p => p[0] === s))";
        await WithLogsAsync(runPage.WaitForLineAsync("Accuracy", "i.d. train", hasAll, 60_000), "the run page did not catch up");
        await WithLogsAsync(comparePage.WaitForLineAsync("i.d. train accuracy", label, hasAll, 60_000), "the compare page did not catch up");

        // Stopped: both pages end with exactly the stored steps, each once.
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await A.PostAsync($"/api/runs/{id}/cancel", null)).StatusCode);
        await B.WaitForStatusAsync(id, TimeSpan.FromMinutes(2), "Cancelled");
        var stored = await B.MetricStepsAsync(id);
        string all = $"pts.length === {stored.Length}";
        await runPage.WaitForSelectorAsync("h1 .status[data-status='Cancelled']", new() { Timeout = 60_000 });
        await WithLogsAsync(runPage.WaitForLineAsync("Accuracy", "i.d. train", all, 60_000), "the run page does not show exactly the stored steps");
        await WithLogsAsync(comparePage.WaitForLineAsync("i.d. train accuracy", label, all, 60_000), "the compare page does not show exactly the stored steps");
        foreach (var (page, chart, line) in new[] { (runPage, "Accuracy", "i.d. train"), (comparePage, "i.d. train accuracy", label) })
        {
            var drawn = (await page.InspectAsync(chart)).Get(line).Points.Select(p => (int)p[0]).ToArray();
            Assert.Equal(stored, drawn);
        }
        // The per-step training loss too: each logged step once.
        var loss = (await runPage.InspectAsync("Loss")).Lines.Single(l => l.Label.StartsWith("train", StringComparison.Ordinal)).Points.Select(p => (int)p[0]).ToArray();
        Assert.Equal(loss.Distinct().Order(), loss);
        await runPage.ScreenshotAsync("cluster-run-after-redis-gap");
    }

    /// <summary>A page wait that times out fails with the cluster's logs (which node reconnected to Redis when).</summary>
    private async Task WithLogsAsync(Task wait, string what)
    {
        try { await wait; }
        catch (TimeoutException e) { throw new Xunit.Sdk.XunitException($"{what} ({e.Message})\n{cluster.Logs()}"); }
    }
}
