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
}
