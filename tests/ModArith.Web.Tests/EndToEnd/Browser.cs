using Microsoft.Playwright;

namespace ModArith.Web.Tests.EndToEnd;

/// <summary>
/// Debian's headless Chromium driven by Playwright. Playwright never downloads a browser here;
/// the test scripts install the chromium package (see test.sh).
/// </summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: run ./test.sh (it installs Debian's chromium) or apt-get install chromium");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        return (playwright, browser);
    }

    /// <summary>Waits until Blazor's live connection is up, so clicks and typing reach the server.</summary>
    public static Task WaitForCircuitAsync(this IPage page) =>
        page.WaitForSelectorAsync("#circuit-ready", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });

    /// <summary>Optional screenshots for a human look: set MODARITH_SCREENSHOTS to a folder.</summary>
    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        var dir = Environment.GetEnvironmentVariable("MODARITH_SCREENSHOTS");
        if (string.IsNullOrEmpty(dir)) return;
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }
}
