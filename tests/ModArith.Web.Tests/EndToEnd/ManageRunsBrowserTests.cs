using Microsoft.Playwright;
using ModArith.Core.Config;
using ModArith.Data;

namespace ModArith.Web.Tests.EndToEnd;

/// <summary>Managing runs in Chromium: rename, tags, archive, delete; a long runs list in pages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ManageRunsBrowserTests
{
    /// <summary>120 finished runs, every third tagged "probe", as a lab's database would hold.</summary>
    private static async Task SeedAsync(ModArithDbContext db)
    {
        var config = ConfigJson.Serialize(ConfigLoader.Load(null, ["preset=cpu-small"]));
        for (int i = 1; i <= 120; i++)
            db.Runs.Add(new Run
            {
                Name = $"seeded-{i:D3}", ConfigJson = config, Preset = "cpu-small", Status = RunStatus.Completed, CreatedAt = DateTimeOffset.UtcNow,
                StartedAt = DateTimeOffset.UtcNow.AddMinutes(-10), FinishedAt = DateTimeOffset.UtcNow, Tags = i % 3 == 0 ? "probe,p=7" : "",
                CurrentStep = 100, TotalSteps = 100, BestOodTestAccuracy = i / 200.0,
            });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Runs_page_in_the_database_keeps_the_selection_and_a_run_is_renamed_tagged_archived_and_deleted_with_its_files()
    {
        await using var app = await DashboardProcess.StartAsync(SeedAsync);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });

        // Pages of 50, newest first; a run ticked on page 1 stays ticked on page 2 and in the comparison.
        await page.GotoAsync(app.BaseUrl + "/");
        await page.WaitForCircuitAsync();
        Assert.Equal(50, await page.Locator("table.runs tbody tr").CountAsync());
        Assert.Contains("page 1 of 3 · 120 runs", await page.InnerTextAsync("#page-info"));
        await page.CheckAsync("tr[data-run-id='120'] input[type=checkbox]");
        await page.ClickAsync("#page-next");
        await page.WaitForSelectorAsync("tr[data-run-id='70']");
        await page.CheckAsync("tr[data-run-id='70'] input[type=checkbox]");
        await page.ClickAsync("#page-prev");
        await page.WaitForSelectorAsync("tr[data-run-id='120']");
        Assert.True(await page.IsCheckedAsync("tr[data-run-id='120'] input[type=checkbox]"));
        Assert.Contains("2 selected", await page.InnerTextAsync("#page-info"));

        // Filter and tag filter run in the database; an empty result says so.
        await page.FillAsync("#filter", "seeded-11");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('table.runs tbody tr').length === 10"); // seeded-110..119
        await page.FillAsync("#filter", "");
        await page.SelectOptionAsync("#tag-filter", "probe");
        await page.WaitForFunctionAsync("() => document.querySelector('#page-info')?.textContent.includes('40 runs')");
        await page.FillAsync("#filter", "nothing-like-this");
        await page.WaitForSelectorAsync("#no-match");
        await page.ClickAsync("#clear-filters");
        await page.WaitForFunctionAsync("() => document.querySelector('#page-info')?.textContent.includes('120 runs')");
        await page.ScreenshotAsync("runs-list");

        await page.ClickAsync("#compare-selected");
        await page.WaitForFunctionAsync("() => location.pathname === '/compare'");
        Assert.EndsWith("ids=70,120", page.Url);

        // A real run to manage: rename, tag, archive, delete.
        int id = (await app.Http.CreateRunAsync(TinyRuns.Request("to-manage", steps: 20, evalEvery: 10))).GetProperty("id").GetInt32();
        await app.Http.WaitForStatusAsync(id, TimeSpan.FromSeconds(120), "Completed");
        await page.GotoAsync($"{app.BaseUrl}/runs/{id}");
        await page.WaitForCircuitAsync();
        await page.ClickAsync("#rename");
        await page.FillAsync("#rename-input", "");
        await page.ClickAsync("#rename-save");
        await page.WaitForSelectorAsync("#rename-error"); // an empty name is refused
        await page.FillAsync("#rename-input", "managed <b>run</b>");
        await page.ClickAsync("#rename-save");
        await page.WaitForSelectorAsync("#run-name");
        Assert.Equal("managed <b>run</b>", await page.InnerTextAsync("#run-name"));
        await page.FillAsync("#tags", "keeper, lr-probe");
        await page.ClickAsync("#save-notes");
        await page.WaitForSelectorAsync("#notes-saved");
        Assert.Equal("keeper,lr-probe", (await app.Http.GetRunAsync(id)).GetProperty("tags").GetString());

        await page.ClickAsync("#archive");
        await page.WaitForSelectorAsync("#archived-badge");
        await page.GotoAsync(app.BaseUrl + "/");
        await page.WaitForCircuitAsync();
        Assert.Equal(0, await page.Locator($"tr[data-run-id='{id}']").CountAsync()); // archived: hidden
        await page.CheckAsync("#show-archived");
        await page.WaitForSelectorAsync($"tr[data-run-id='{id}'].archived");
        await page.ClickAsync($"tr[data-run-id='{id}'] .tag:text('keeper')"); // a tag filters the list
        await page.WaitForFunctionAsync("() => document.querySelector('#page-info')?.textContent.includes(' 1 runs')");

        // Delete asks first, then removes the run and its checkpoint files.
        var directory = Path.Combine(app.DataDirectory, "runs", id.ToString());
        Assert.True(Directory.Exists(directory));
        await page.GotoAsync($"{app.BaseUrl}/runs/{id}");
        await page.WaitForCircuitAsync();
        await page.ClickAsync("#delete");
        await page.ClickAsync("#delete-no");
        await page.WaitForSelectorAsync("#delete");
        Assert.True(Directory.Exists(directory));
        await page.ClickAsync("#delete");
        await page.ClickAsync("#delete-yes");
        await page.WaitForFunctionAsync("() => location.pathname === '/'");
        Assert.False(Directory.Exists(directory), "the deleted run's files are gone");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await app.Http.GetAsync($"/api/runs/{id}")).StatusCode);
    }
}
