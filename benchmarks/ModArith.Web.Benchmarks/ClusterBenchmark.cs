using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace ModArith.Web.Benchmarks;

/// <summary>
/// The cluster mode's figures, on the cluster scripts/cluster-demo.sh starts (PostgreSQL, Redis, two
/// front-ends, two workers on loopback): queued-to-running latency on an idle worker, evaluation to a
/// SignalR client on the other front-end, time for a killed worker's run to resume on the other, and a
/// worker's training speed against the headless CLI on the same config.
/// </summary>
public static class ClusterBenchmark
{
    public static async Task RunAsync(string repoRoot, int steps)
    {
        var demo = new ProcessStartInfo(Path.Combine(repoRoot, "scripts", "cluster-demo.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repoRoot,
        };
        demo.Environment["SKIP_BUILD"] = "1";
        using var cluster = Process.Start(demo)!;
        var frontEnds = new List<string>();
        var workers = new Dictionary<string, int>();
        while (workers.Count < 2)
        {
            var line = await cluster.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("cluster-demo.sh ended: " + await cluster.StandardError.ReadToEndAsync());
            var parts = line.Split(' ');
            if (parts[0] == "frontend") frontEnds.Add(parts[1]);
            if (parts[0] == "worker") workers[parts[1]] = int.Parse(parts[3], CultureInfo.InvariantCulture);
        }
        _ = cluster.StandardOutput.ReadToEndAsync();
        _ = cluster.StandardError.ReadToEndAsync();
        try
        {
            using var a = new HttpClient { BaseAddress = new Uri(frontEnds[0]) };
            using var b = new HttpClient { BaseAddress = new Uri(frontEnds[1]) };
            await WaitForWorkersAsync(a, workers.Keys);
            await QueuedToRunningAsync(a);
            await LiveAcrossFrontEndsAsync(a, frontEnds[1]);
            await ResumeAfterKillAsync(a, workers);
            await SpeedAsync(a, repoRoot, steps);
        }
        finally
        {
            Process.Start("kill", $"-INT {cluster.Id}").WaitForExit();
            await cluster.WaitForExitAsync();
        }
    }

    private static object Run(string name, int steps, int evalEvery, int evalSequences = 32) => new
    {
        name, preset = "cpu-small", steps, evalEvery, evalSequences, dModel = 16, heads = 2, warmupSteps = 5, checkpointCount = 2,
    };

    private static async Task<int> CreateAsync(HttpClient http, object run)
    {
        var response = await http.PostAsJsonAsync("/api/runs", run);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task<JsonElement> WaitAsync(HttpClient http, int id, Func<JsonElement, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var run = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
            if (done(run)) return run;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"run {id}: {run}");
            await Task.Delay(20);
        }
    }

    private static Task<JsonElement> CompletedAsync(HttpClient http, int id) =>
        WaitAsync(http, id, r => r.GetProperty("status").GetString() is "Completed" or "Failed" or "Cancelled", TimeSpan.FromMinutes(20));

    private static async Task WaitForWorkersAsync(HttpClient http, IEnumerable<string> names)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var listed = await http.GetFromJsonAsync<JsonElement>("/api/workers");
            if (names.All(n => listed.EnumerateArray().Any(w => w.GetProperty("name").GetString() == n && w.GetProperty("state").GetString() == "alive"))) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("workers did not report");
            await Task.Delay(250);
        }
    }

    /// <summary>From the run stored Queued to the worker's claim (both server-side timestamps), on idle workers.</summary>
    private static async Task QueuedToRunningAsync(HttpClient http)
    {
        var ms = new List<double>();
        for (int i = 0; i < 8; i++)
        {
            int id = await CreateAsync(http, Run($"latency-{i}", 10, 10));
            var run = await CompletedAsync(http, id);
            ms.Add((run.GetProperty("startedAt").GetDateTimeOffset() - run.GetProperty("createdAt").GetDateTimeOffset()).TotalMilliseconds);
            await Task.Delay(1500); // let the worker go back to polling its queue
        }
        ms.Sort();
        Console.WriteLine($"queued -> running on an idle worker over {ms.Count} runs: p50 {Percentile(ms, 0.5):F0} ms, max {ms[^1]:F0} ms");
    }

    /// <summary>From the evaluation on the worker to a SignalR client on the other front-end (one clock: one machine).</summary>
    private static async Task LiveAcrossFrontEndsAsync(HttpClient a, string frontEndB)
    {
        await using var hub = new HubConnectionBuilder().WithUrl(frontEndB + "/hubs/runs").Build();
        var ms = new List<double>();
        hub.On<JsonElement>("metric", m =>
        {
            if (m.TryGetProperty("evaluatedAt", out var at) && at.ValueKind == JsonValueKind.String)
                lock (ms) ms.Add((DateTimeOffset.UtcNow - at.GetDateTimeOffset()).TotalMilliseconds);
        });
        await hub.StartAsync();
        int id = await CreateAsync(a, Run("live", 400, 5, evalSequences: 16));
        await hub.InvokeAsync("JoinRun", id);
        await CompletedAsync(a, id);
        await Task.Delay(1000);
        lock (ms)
        {
            ms.Sort();
            Console.WriteLine($"evaluation -> SignalR client on the other front-end over {ms.Count} metrics: p50 {Percentile(ms, 0.5):F0} ms, p95 {Percentile(ms, 0.95):F0} ms, max {ms[^1]:F0} ms");
        }
    }

    /// <summary>kill -9 of the worker holding a run: time until the other worker claims it (next attempt) and stores its next point.</summary>
    private static async Task ResumeAfterKillAsync(HttpClient http, Dictionary<string, int> workers)
    {
        int id = await CreateAsync(http, Run("kill", 100_000, 10));
        var running = await WaitAsync(http, id, r => r.GetProperty("currentStep").GetInt32() >= 20 && r.GetProperty("worker").ValueKind == JsonValueKind.String, TimeSpan.FromMinutes(5));
        var holder = running.GetProperty("worker").GetString()!;
        int attempt = running.GetProperty("attempt").GetInt32();
        var clock = Stopwatch.StartNew();
        Process.Start("kill", $"-KILL {workers[holder]}").WaitForExit();
        var claimed = await WaitAsync(http, id, r => r.GetProperty("attempt").GetInt32() > attempt, TimeSpan.FromMinutes(3));
        double claimedAt = clock.Elapsed.TotalSeconds;
        int stepAtClaim = claimed.GetProperty("currentStep").GetInt32();
        await WaitAsync(http, id, r => r.GetProperty("currentStep").GetInt32() > stepAtClaim, TimeSpan.FromMinutes(3));
        Console.WriteLine($"kill -9 of {holder}: run taken over by {claimed.GetProperty("worker").GetString()} after {claimedAt:F1} s, training again after {clock.Elapsed.TotalSeconds:F1} s (invisibility timeout 30 s)");
        await http.PostAsync($"/api/runs/{id}/cancel", null);
    }

    /// <summary>
    /// cpu-small on a worker (one thread) against the headless CLI (`modarith train`, its own process,
    /// one thread) on the same config, alternated three times so both see the same machine load. Each
    /// figure is training throughput between the first and the last evaluation (both include the
    /// evaluations in between), so start-up, loading and the final checkpoint do not count.
    /// </summary>
    private static async Task SpeedAsync(HttpClient http, string repoRoot, int steps)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var cli = Path.Combine(repoRoot, "src", "ModArith.Cli", "bin", configuration, "net10.0", "modarith.dll");
        if (!File.Exists(cli))
        {
            Console.WriteLine($"training speed: skipped, build the CLI first (dotnet build src/ModArith.Cli -c {configuration})");
            return;
        }
        int evalEvery = steps / 4;
        var worker = new List<double>();
        var headless = new List<double>();
        for (int round = 0; round < 3; round++)
        {
            int id = await CreateAsync(http, new Dictionary<string, object> { ["name"] = $"speed-{round}", ["preset"] = "cpu-small", ["steps"] = steps, ["evalEvery"] = evalEvery, ["checkpointCount"] = 2 });
            await CompletedAsync(http, id);
            var metrics = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/metrics");
            worker.Add(Throughput(metrics.EnumerateArray().Select(m => (m.GetProperty("step").GetInt32(), m.GetProperty("wallSeconds").GetDouble())).ToList()));

            var directory = Path.Combine(Path.GetTempPath(), $"modarith-bench-speed-{Guid.NewGuid():N}");
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { cli, "train", "--preset", "cpu-small", "--set", $"steps={steps}", "--set", $"evalEvery={evalEvery}", "--set", "checkpointCount=2",
                         "--set", "threads=1", "--set", "device=cpu", "--out", directory })
                psi.ArgumentList.Add(a);
            using (var p = Process.Start(psi)!)
            {
                _ = p.StandardOutput.ReadToEndAsync();
                var error = p.StandardError.ReadToEndAsync();
                await p.WaitForExitAsync();
                if (p.ExitCode != 0) throw new InvalidOperationException("modarith train failed: " + await error);
            }
            var rows = File.ReadAllLines(Path.Combine(directory, "metrics.csv")).Skip(1).Select(l => l.Split(','))
                .Select(c => (int.Parse(c[0], CultureInfo.InvariantCulture), double.Parse(c[1], CultureInfo.InvariantCulture))).ToList();
            headless.Add(Throughput(rows));
            Directory.Delete(directory, true);
        }
        double w = Percentile(worker.Order().ToList(), 0.5), h = Percentile(headless.Order().ToList(), 0.5);
        Console.WriteLine($"training speed, cpu-small {steps} steps, 1 thread, median of 3 alternated: worker {w:F1} steps/s, headless CLI {h:F1} steps/s ({(w / h - 1) * 100:+0.0;-0.0}%)"
                          + $" [worker {string.Join(" ", worker.Select(x => x.ToString("F1", CultureInfo.InvariantCulture)))}; CLI {string.Join(" ", headless.Select(x => x.ToString("F1", CultureInfo.InvariantCulture)))}]");
    }

    /// <summary>Steps per second between the first and the last evaluation.</summary>
    private static double Throughput(List<(int Step, double Wall)> evaluations) =>
        (evaluations[^1].Step - evaluations[0].Step) / (evaluations[^1].Wall - evaluations[0].Wall);

    private static double Percentile(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
}
