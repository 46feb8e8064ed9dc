using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ModArith.Core.Config;
using ModArith.Core.Training;
using ModArith.Data;
using ModArith.Web.Benchmarks;

// Usage: dotnet run -c Release --project benchmarks/ModArith.Web.Benchmarks [-- overhead|latency|pages|runlist|all [evalEvery] [steps] [rounds] [threads]]
//        ... -- load [seconds]   4 runs training, 20 hub clients, 50 API reads/s (errors, latency, training slowdown)
// runlist: the runs list with 20,000 runs in the database (open, filter, next page).
//        dotnet run -c Release --project benchmarks/ModArith.Web.Benchmarks -- cluster [steps]   (the cluster mode, on scripts/cluster-demo.sh)
// overhead/latency train cpu-small; evalEvery defaults to 25 (many live updates: the harsh case and
// enough latency samples), the preset's own is 200. threads (default 0 = every core) is given to both
// the headless run and the dashboard's thread budget: 1 on a 2-core machine leaves a core to the UI.
// Needs the Release build of the dashboard (dotnet build -c Release src/ModArith.Web) and /usr/bin/chromium.
var what = args.FirstOrDefault() ?? "all";
var repoRoot = FindRepoRoot();
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;

if (what is "overhead" or "latency" or "all") await OverheadAndLatency();
if (what is "pages" or "all") await PageLoad();
if (what is "runlist" or "all") await RunList();
if (what is "load") await LoadBenchmark.RunAsync(repoRoot, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 120);
if (what is "cluster") await ClusterBenchmark.RunAsync(repoRoot, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 400);
return 0;

// ---- Training through the dashboard (browser + SignalR client watching) vs headless -------------
async Task OverheadAndLatency()
{
    int evalEvery = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 25;
    int steps = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1500;
    int rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2;
    int threads = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 0;
    var overrides = new Dictionary<string, object> { ["preset"] = "cpu-small", ["steps"] = steps, ["evalEvery"] = evalEvery, ["evalSequences"] = 256, ["checkpointCount"] = 4 };
    var config = ConfigLoader.Load(JsonSerializer.Serialize(overrides)) with { Device = DeviceChoice.Cpu, Threads = threads };

    var headless = new List<double>();
    var web = new List<double>();
    var latenciesMs = new List<double>();
    for (int round = 0; round < rounds; round++)
    {
        // Headless as the CLI trains: same config, checkpoints written at every evaluation too.
        var checkpoints = Directory.CreateTempSubdirectory("modarith-bench-ckpt-").FullName;
        using (var run = TrainingRun.Start(config, checkpoints))
        {
            var outcome = run.Train();
            headless.Add(steps / outcome.LastEvaluation!.WallSeconds);
        }
        Directory.Delete(checkpoints, true);
        Console.WriteLine($"round {round + 1}: headless {headless[^1]:F1} steps/s");

        var data = Directory.CreateTempSubdirectory("modarith-bench-").FullName;
        await using var server = await DashboardServer.StartAsync(repoRoot, data, threads);
        await using var hub = new HubConnectionBuilder().WithUrl(server.BaseUrl + "/hubs/runs").Build();
        hub.On<JsonElement>("metric", m =>
        {
            if (m.TryGetProperty("evaluatedAt", out var at) && at.ValueKind == JsonValueKind.String)
                lock (latenciesMs) latenciesMs.Add((DateTimeOffset.UtcNow - at.GetDateTimeOffset()).TotalMilliseconds);
        });
        await hub.StartAsync();

        // A browser watches the run page the whole time, as a researcher would.
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
        var created = await (await server.Http.PostAsJsonAsync("/api/runs", overrides)).Content.ReadFromJsonAsync<JsonElement>();
        int id = created.GetProperty("id").GetInt32();
        await hub.InvokeAsync("JoinRun", id);
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{server.BaseUrl}/runs/{id}");
        while ((await server.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}")).GetProperty("status").GetString() is "Queued" or "Running")
            await Task.Delay(500);
        var metrics = await server.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/metrics");
        web.Add(steps / metrics[metrics.GetArrayLength() - 1].GetProperty("wallSeconds").GetDouble());
        Console.WriteLine($"round {round + 1}: dashboard {web[^1]:F1} steps/s (browser + SignalR client watching)");
        Directory.Delete(data, true);
    }
    double h = headless.Average(), w = web.Average();
    Console.WriteLine($"overhead: headless {h:F1} steps/s, dashboard {w:F1} steps/s, difference {100 * (h - w) / h:F1}% (mean of {rounds} rounds, cpu-small, {steps} steps, eval every {evalEvery}, {(threads == 0 ? "every core" : threads + " thread(s)")}; per-round spread on this machine is ±10%)");
    latenciesMs.Sort();
    Console.WriteLine($"live latency eval -> SignalR client over {latenciesMs.Count} metrics: p50 {Percentile(latenciesMs, 0.5):F0} ms, p95 {Percentile(latenciesMs, 0.95):F0} ms, max {latenciesMs[^1]:F0} ms");
}

// ---- Pages with 20 runs of many metric points -------------------------------------------------
async Task PageLoad()
{
    foreach (int points in new[] { 200, 2000 })
    {
        var data = Directory.CreateTempSubdirectory("modarith-bench-pages-").FullName;
        await SeedAsync(data, runs: 40, points); // 21-40 only warm up the comparison's queries
        await using var server = await DashboardServer.StartAsync(repoRoot, data);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        await page.GotoAsync(server.BaseUrl + "/"); // warm up the server and the circuit
        await page.WaitForSelectorAsync("#circuit-ready", new() { State = WaitForSelectorState.Attached });

        // "Drawn": the chart has drawn its lines (it is created with all of its points at once).
        string Drawn(string title, int lines) => $"(e => e && e.dataset.drawn > 0 && e.dataset.series >= {lines})(document.querySelector(\"[data-chart='{title}']\"))";
        double detail = await TimeAsync(page, $"{server.BaseUrl}/runs/1", Drawn("Accuracy", 8));
        double detail2 = await TimeAsync(page, $"{server.BaseUrl}/runs/2", Drawn("Accuracy", 8));
        // Runs 21-40 first, so the server has compiled the comparison's queries: the first open of 1-20
        // then reads their rows from the store; later opens find the finished runs' curves in memory.
        await TimeAsync(page, $"{server.BaseUrl}/compare?ids={string.Join(",", Enumerable.Range(21, 20))}", Drawn("o.o.d. test accuracy", 20));
        var ids = string.Join(",", Enumerable.Range(1, 20));
        double firstCompare = await TimeAsync(page, $"{server.BaseUrl}/compare?ids={ids}", Drawn("o.o.d. test accuracy", 20));
        // Three more opens (one figure swings by ±20% on this machine): the median and each.
        var compares = new List<double>();
        for (int round = 0; round < 3; round++)
            compares.Add(await TimeAsync(page, $"{server.BaseUrl}/compare?ids={ids}", Drawn("o.o.d. test accuracy", 20)));
        double runs = await TimeAsync(page, $"{server.BaseUrl}/", "document.querySelector(\"tr[data-run-id='20']\") !== null");
        Console.WriteLine($"pages with 40 runs × {points} metric points ({points * 1000:N0} steps at eval every 1000): run list {runs:F0} ms, run detail {detail:F0} / {detail2:F0} ms, " +
                          $"compare of 20: first open {firstCompare:F0} ms (rows read from the store), again {Percentile(compares.Order().ToList(), 0.5):F0} ms median ({string.Join(" / ", compares.Select(c => c.ToString("F0")))}; finished runs' curves kept in memory) (navigation to charts drawn)");
        Directory.Delete(data, true);
    }
}

// ---- The runs list with 20,000 runs ---------------------------------------------------------------
async Task RunList()
{
    const int count = 20_000;
    var data = Directory.CreateTempSubdirectory("modarith-bench-list-").FullName;
    var builder = new DbContextOptionsBuilder<ModArithDbContext>();
    builder.UseModArithSqlite($"Data Source={Path.Combine(data, "modarith.db")}");
    await using (var db = new ModArithDbContext(builder.Options))
    {
        await db.MigrateAndEnableWalAsync();
        var config = ConfigJson.Serialize(ConfigLoader.Load(null, ["preset=cpu-small"]));
        for (int start = 1; start <= count; start += 2000)
        {
            for (int i = start; i < start + 2000; i++)
                db.Runs.Add(new Run
                {
                    Name = $"run-{i:D5}", ConfigJson = config, Preset = "cpu-small", Status = i % 10 == 0 ? RunStatus.Failed : RunStatus.Completed,
                    CreatedAt = DateTimeOffset.UtcNow, StartedAt = DateTimeOffset.UtcNow.AddMinutes(-10), FinishedAt = DateTimeOffset.UtcNow,
                    Tags = i % 7 == 0 ? "probe" : "", BestOodTestAccuracy = (i % 1000) / 1000.0, CurrentStep = 8000, TotalSteps = 8000,
                });
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    await using var server = await DashboardServer.StartAsync(repoRoot, data);
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
    var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
    // In every page the browser loads: whether the newest run's row is already in the first frame
    // (the list is prerendered, so it should be), and if not, when the first frame holding it ended.
    // Rows in the first frame make the browser's first contentful paint (presented on screen, ms
    // since the navigation started) the moment a researcher sees the list.
    await page.AddInitScriptAsync($$"""
        (() => {
            const rows = () => document.querySelector("tr[data-run-id='{{count}}']") !== null;
            requestAnimationFrame(() => window.__rowsInFirstFrame = rows());
            const frame = () => rows() ? setTimeout(() => window.__rowsDrawnAt = performance.now()) : requestAnimationFrame(frame);
            requestAnimationFrame(frame);
        })();
        """);
    await page.GotoAsync(server.BaseUrl + "/compare"); // warm up the server and the circuit
    await page.WaitForSelectorAsync("#circuit-ready", new() { State = WaitForSelectorState.Attached });
    // Five opens by address (one swings by ±40% on this shared machine): rows drawn, by the page's
    // own clock, and interactive (the circuit is up: filters, sorting and selection answer), by ours.
    var drawn = new List<double>();
    var opens = new List<double>();
    for (int round = 0; round < 5; round++)
    {
        var openClock = Stopwatch.StartNew();
        await page.GotoAsync(server.BaseUrl + "/");
        await page.WaitForSelectorAsync("#circuit-ready", new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
        opens.Add(openClock.Elapsed.TotalMilliseconds);
        drawn.Add(await page.EvaluateAsync<double>("""
            () => new Promise(r => {
                const f = () => {
                    const paint = performance.getEntriesByName('first-contentful-paint')[0];
                    if (window.__rowsInFirstFrame && paint) r(paint.startTime);
                    else if (window.__rowsInFirstFrame === false && window.__rowsDrawnAt) r(window.__rowsDrawnAt);
                    else setTimeout(f, 10);
                };
                f();
            })
            """));
    }
    // Opened from within the app (the Runs link in the menu, from the sweeps page): the circuit
    // renders the list and sends it, without loading a page.
    var inApp = new List<double>();
    for (int round = 0; round < 5; round++)
    {
        await page.ClickAsync("nav a[href='/sweeps']");
        await page.WaitForSelectorAsync("h1:has-text('Sweeps')");
        var linkClock = Stopwatch.StartNew();
        await page.ClickAsync("nav a[href='/']");
        await page.WaitForSelectorAsync($"tr[data-run-id='{count}']", new() { State = WaitForSelectorState.Attached });
        inApp.Add(linkClock.Elapsed.TotalMilliseconds);
    }
    var clock = Stopwatch.StartNew();
    await page.FillAsync("#filter", "run-1999"); // run-19990 .. run-19999
    await page.WaitForFunctionAsync("() => document.querySelectorAll('table.runs tbody tr').length === 10", null, new() { PollingInterval = 10 });
    double filterMs = clock.Elapsed.TotalMilliseconds;
    await page.FillAsync("#filter", "");
    await page.WaitForSelectorAsync($"tr[data-run-id='{count}']");
    clock.Restart();
    await page.ClickAsync("#page-next");
    await page.WaitForSelectorAsync($"tr[data-run-id='{count - 50}']");
    double nextMs = clock.Elapsed.TotalMilliseconds;
    Console.WriteLine($"runs list with {count:N0} runs, opened by address: rows on screen {Percentile(drawn.Order().ToList(), 0.5):F0} ms median ({string.Join(" / ", drawn.Select(o => o.ToString("F0")))}; the browser's clock from navigation start: its first contentful paint when the rows are in the first frame), " +
                      $"interactive {Percentile(opens.Order().ToList(), 0.5):F0} ms median ({string.Join(" / ", opens.Select(o => o.ToString("F0")))}; to the circuit up); from the menu {Percentile(inApp.Order().ToList(), 0.5):F0} ms median ({string.Join(" / ", inApp.Select(o => o.ToString("F0")))}), filter keystroke to 10 rows {filterMs:F0} ms, next page {nextMs:F0} ms");
    Directory.Delete(data, true);
}

static async Task<double> TimeAsync(IPage page, string url, string drawnCondition)
{
    var clock = Stopwatch.StartNew();
    await page.GotoAsync(url);
    await page.WaitForFunctionAsync($"() => {drawnCondition}", null, new() { Timeout = 120_000, PollingInterval = 10 });
    return clock.Elapsed.TotalMilliseconds;
}

static async Task SeedAsync(string dataDirectory, int runs, int points)
{
    var builder = new DbContextOptionsBuilder<ModArithDbContext>();
    builder.UseModArithSqlite($"Data Source={Path.Combine(dataDirectory, "modarith.db")}");
    var options = builder.Options;
    await using var db = new ModArithDbContext(options);
    await db.MigrateAndEnableWalAsync();
    var config = ConfigJson.Serialize(ConfigLoader.Load(null, ["preset=paper-d2"]));
    var random = new Random(1);
    for (int r = 0; r < runs; r++)
    {
        var run = new Run { Name = $"seeded-{r + 1}", ConfigJson = config, Preset = "paper-d2", Status = RunStatus.Completed, CreatedAt = DateTimeOffset.UtcNow, StartedAt = DateTimeOffset.UtcNow.AddHours(-5), FinishedAt = DateTimeOffset.UtcNow, CurrentStep = points * 1000, TotalSteps = points * 1000 };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        var perShot = JsonSerializer.Serialize(new { idTrain = Enumerable.Repeat(0.5, 32), idTest = Enumerable.Repeat(0.5, 32), oodTrain = Enumerable.Repeat(0.5, 32), oodTest = Enumerable.Repeat(0.5, 32) });
        for (int i = 1; i <= points; i++)
        {
            double a = 1 - Math.Exp(-i / (points / 5.0)) + 0.02 * random.NextDouble();
            db.MetricPoints.Add(new MetricPoint
            {
                RunId = run.Id, Step = i * 1000, WallSeconds = i * 3.0, LearningRate = 1e-4, TrainLoss = 3 * (1 - a) + 0.01,
                IdTrainLoss = 3 * (1 - a), IdTrainAccuracy = a, IdTrainLastShotAccuracy = a, IdTestLoss = 3 * (1 - a), IdTestAccuracy = a * 0.9, IdTestLastShotAccuracy = a,
                OodTrainLoss = 3 * (1 - a), OodTrainAccuracy = a * 0.8, OodTrainLastShotAccuracy = a, OodTestLoss = 3 * (1 - a), OodTestAccuracy = a * 0.7, OodTestLastShotAccuracy = a,
                PerShotJson = perShot,
            });
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}

static double Percentile(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

static string FindRepoRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ModArithDashboard.sln"))) dir = dir.Parent;
    return dir?.FullName ?? throw new InvalidOperationException("repo root not found");
}
