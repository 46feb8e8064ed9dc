using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace ModArith.Web.Tests.EndToEnd;

/// <summary>
/// Text a user typed (run name, notes, tags, sweep name and description) is markup-shaped here, and
/// must reach every page, chart legend and tooltip as text: no script of it may run.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UserTextBrowserTests
{
    /// <summary>Tags are at most 40 characters (and hold no comma): markup that fits.</summary>
    private const string EvilTag = "<img src=x onerror=window.__xss=7>";

    private const string Evil = "<img src=x onerror=\"window.__xss=(window.__xss||0)+1\"><script>window.__xss=99</script>";

    [Fact]
    public async Task Markup_typed_as_names_notes_and_tags_is_shown_as_text_on_every_page_and_never_runs()
    {
        await using var app = await DashboardProcess.StartAsync();
        var first = (await app.Http.CreateRunAsync(TinyRuns.Request(Evil + " one", steps: 20, evalEvery: 10))).GetProperty("id").GetInt32();
        var second = (await app.Http.CreateRunAsync(TinyRuns.Request(Evil + " two", steps: 20, evalEvery: 10))).GetProperty("id").GetInt32();
        var sweepBody = TinyRuns.Sweep(Evil + " sweep", [4], [0.8]);
        var sweepJson = JsonSerializer.SerializeToNode(sweepBody)!.AsObject();
        sweepJson["description"] = Evil + " description";
        var sweepResponse = await app.Http.PostAsJsonAsync("/api/sweeps", sweepJson);
        int sweepId = (await sweepResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await app.Http.WaitForStatusAsync(first, TimeSpan.FromSeconds(120), "Completed");
        await app.Http.WaitForStatusAsync(second, TimeSpan.FromSeconds(120), "Completed");

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        int dialogs = 0;
        page.Dialog += async (_, dialog) => { dialogs++; await dialog.DismissAsync(); };

        // Notes and tags typed in the run page's own form.
        await page.GotoAsync($"{app.BaseUrl}/runs/{first}");
        await page.WaitForCircuitAsync();
        await page.FillAsync("textarea", Evil + " notes");
        await page.FillAsync("input[placeholder^='tags']", EvilTag);
        await page.ClickAsync("text=Save notes");
        await page.WaitForSelectorAsync("text=saved");

        async Task AssertInertAsync(string path, string visible, Func<Task>? interact = null)
        {
            await page.GotoAsync(app.BaseUrl + path);
            await page.WaitForCircuitAsync();
            try { await page.WaitForFunctionAsync("t => document.body.innerText.includes(t)", visible, new() { Timeout = 60_000 }); }
            catch (TimeoutException)
            {
                throw new Xunit.Sdk.XunitException($"{path} never showed '{visible}'; it shows:\n{await page.InnerTextAsync("body")}");
            }
            if (interact is not null) await interact();
            await page.WaitForTimeoutAsync(300); // let any injected handler fire
            Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
            Assert.Equal(0, await page.Locator("img[src=x]").CountAsync());
            Assert.Equal(0, dialogs);
        }

        await AssertInertAsync("/", "<img src=x");
        await AssertInertAsync($"/runs/{first}", Evil + " one");
        Assert.Equal(Evil + " notes", await page.InputValueAsync("textarea"));
        Assert.Equal(EvilTag, await page.InputValueAsync("input[placeholder^='tags']"));
        await AssertInertAsync($"/runs/{first}/inside", "<img src=x");
        await AssertInertAsync($"/compare?ids={first},{second}", "<img src=x", async () =>
        {
            // Legends carry the names; hovering a chart shows their values there.
            await page.WaitForSelectorAsync(".u-legend .u-series");
            var legend = await page.Locator(".u-legend .u-series").AllInnerTextsAsync();
            Assert.Contains(legend, t => t.Contains($"{Evil} one"));
            var plot = page.Locator(".u-over").First;
            var box = (await plot.BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(box.X + box.Width * 0.6f, box.Y + box.Height * 0.5f);
            await page.WaitForTimeoutAsync(300);
        });
        await AssertInertAsync("/sweeps", "<img src=x");
        await AssertInertAsync($"/sweeps/{sweepId}", Evil + " description");
        await page.ScreenshotAsync("user-text-inert");
    }
}
