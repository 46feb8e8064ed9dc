using System.Text.Json;
using Microsoft.Playwright;

namespace ModArith.Web.Tests.EndToEnd;

/// <summary>
/// Reads what a line chart on the page draws, through the chart module's own inspectChart (the
/// page's instance of wwwroot/js/charts/line-chart.js: the same URL gives the same module).
/// </summary>
public static class Charts
{
    public sealed record Line(string Label, bool Legend, double[][] Points);

    public sealed record Drawn(bool LogY, double[] YRange, string[] XTicks, string[] YTicks, Line[] Lines, string[] Legend, double[] Probes, double PlotHeight)
    {
        public Line Get(string label) => Lines.Single(l => l.Label == label);
        public int MostPoints => Lines.Length == 0 ? 0 : Lines.Max(l => l.Points.Length);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The chart titled <paramref name="title"/>; <paramref name="probes"/> are y values whose pixel height is returned.</summary>
    public static async Task<Drawn> InspectAsync(this IPage page, string title, params double[] probes)
    {
        var json = await page.EvaluateAsync<string>("""
            async ([title, probes]) => {
                const el = document.querySelector(`[data-chart="${title}"]`);
                const m = await import('/js/charts/line-chart.js');
                return JSON.stringify(el ? m.inspectChart(el.id, probes) : null);
            }
            """, new object[] { title, probes });
        return JsonSerializer.Deserialize<Drawn>(json, Json) ?? throw new InvalidOperationException($"no chart titled {title}");
    }

    /// <summary>
    /// Waits until the line <paramref name="label"/> of the chart titled <paramref name="title"/> satisfies
    /// <paramref name="condition"/>, a JS expression over its drawn points <c>pts</c> (false while the line is absent).
    /// </summary>
    public static async Task WaitForLineAsync(this IPage page, string title, string label, string condition, int timeoutMs = 60_000)
    {
        // waitForFunction needs a synchronous predicate: import the page's chart module first.
        await page.EvaluateAsync("async () => { window.__lineCharts = await import('/js/charts/line-chart.js'); }");
        await page.WaitForFunctionAsync($$"""
            ([title, label]) => {
                const el = document.querySelector(`[data-chart="${title}"]`);
                const chart = el && window.__lineCharts.inspectChart(el.id, []);
                const line = chart && chart.lines.find(l => l.label === label);
                if (!line) return false;
                const pts = line.points;
                return {{condition}};
            }
            """, new object[] { title, label }, new() { Timeout = timeoutMs });
    }

    /// <summary>Waits until the chart titled <paramref name="title"/> no longer has a line <paramref name="label"/>.</summary>
    public static async Task WaitForNoLineAsync(this IPage page, string title, string label, int timeoutMs = 30_000)
    {
        await page.EvaluateAsync("async () => { window.__lineCharts = await import('/js/charts/line-chart.js'); }");
        await page.WaitForFunctionAsync("""
            ([title, label]) => {
                const el = document.querySelector(`[data-chart="${title}"]`);
                const chart = el && window.__lineCharts.inspectChart(el.id, []);
                return !!chart && !chart.lines.some(l => l.label === label);
            }
            """, new object[] { title, label }, new() { Timeout = timeoutMs });
    }

    /// <summary>Waits until the chart titled <paramref name="title"/> has drawn at least <paramref name="points"/> x positions.</summary>
    public static Task WaitForChartAsync(this IPage page, string title, int points = 1, int timeoutMs = 60_000) =>
        page.WaitForFunctionAsync("""
            ([title, n]) => { const el = document.querySelector(`[data-chart="${title}"]`); return el && Number(el.dataset.drawn || 0) >= n; }
            """, new object[] { title, points }, new() { Timeout = timeoutMs });
}
