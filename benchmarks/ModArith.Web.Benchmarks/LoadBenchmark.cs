using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace ModArith.Web.Benchmarks;

/// <summary>
/// The hardening review's load: 4 tiny runs training at once, then 20 SignalR clients joined and
/// 50 API reads per second over every read endpoint for a while. Prints the errors (target 0), the
/// read latencies and the training slowdown (combined steps/s, quiet vs loaded, same server).
/// </summary>
public static class LoadBenchmark
{
    public static async Task RunAsync(string repoRoot, int loadSeconds)
    {
        var data = Directory.CreateTempSubdirectory("modarith-load-").FullName;
        await using var server = await DashboardServer.StartAsync(repoRoot, data, 0, "--Dashboard:MaxConcurrentRuns", "4");
        var http = server.Http;
        var ids = new List<int>();
        for (int i = 0; i < 4; i++)
        {
            var response = await http.PostAsJsonAsync("/api/runs", new { preset = "cpu-small", name = $"load-{i}", steps = 1_000_000, evalEvery = 25, evalSequences = 32, dModel = 16, heads = 2, threads = 1 });
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32());
        }
        await WaitAllRunningAsync(http, ids);
        await Task.Delay(5000); // past start-up

        int events = 0;
        async Task<List<HubConnection>> JoinAsync()
        {
            var hubs = new List<HubConnection>();
            for (int i = 0; i < 20; i++)
            {
                var hub = new HubConnectionBuilder().WithUrl(server.BaseUrl + "/hubs/runs").WithAutomaticReconnect().Build();
                hub.On<JsonElement>("progress", _ => Interlocked.Increment(ref events));
                hub.On<JsonElement>("metric", _ => Interlocked.Increment(ref events));
                await hub.StartAsync();
                await hub.InvokeAsync("JoinRun", ids[i % ids.Count]);
                if (i % 5 == 0) await hub.InvokeAsync("JoinRunList");
                hubs.Add(hub);
            }
            return hubs;
        }

        // Quiet and loaded windows alternate, so a change in the machine's other load falls on both.
        var latencies = new List<double>();
        var quiet = new List<double>();
        var loaded = new List<double>();
        int errors = 0, sent = 0;
        var loadTime = TimeSpan.Zero;
        const int Cycles = 3;
        for (int cycle = 0; cycle < Cycles; cycle++)
        {
            quiet.Add(await CombinedStepsPerSecondAsync(http, ids, TimeSpan.FromSeconds(30)));
            // Loaded: 20 hub clients joined for the window, and the reads.
            var hubs = await JoinAsync();
            var startSteps = await StepsAsync(http, ids);
            var clock = Stopwatch.StartNew();
            var (s, e) = await ReadAsync(http, ids, TimeSpan.FromSeconds(loadSeconds / (double)Cycles), latencies);
            foreach (var hub in hubs) await hub.DisposeAsync();
            sent += s;
            errors += e;
            loaded.Add((await StepsAsync(http, ids) - startSteps) / clock.Elapsed.TotalSeconds);
            loadTime += clock.Elapsed;
            Console.WriteLine($"cycle {cycle + 1}: quiet {quiet[^1]:F1} steps/s, under load {loaded[^1]:F1} steps/s (4 runs combined)");
        }
        foreach (var id in ids) await http.PostAsync($"/api/runs/{id}/cancel", null);

        latencies.Sort();
        Console.WriteLine($"load: {sent} reads in {loadTime.TotalSeconds:F0} s ({sent / loadTime.TotalSeconds:F1}/s), {errors} errors, " +
            $"latency p50 {Percentile(latencies, 0.5):F0} ms, p95 {Percentile(latencies, 0.95):F0} ms, max {latencies[^1]:F0} ms; 20 hub clients got {events} events");
        Console.WriteLine($"training under load: {loaded.Average():F1} steps/s combined vs {quiet.Average():F1} quiet (means of {Cycles} alternating windows): {100 * (1 - loaded.Average() / quiet.Average()):F1}% slower");
        try { Directory.Delete(data, true); } catch (IOException) { }
    }

    /// <summary>50 reads per second over every read endpoint, paced whatever the answers take; returns (sent, errors).</summary>
    private static async Task<(int Sent, int Errors)> ReadAsync(HttpClient http, List<int> ids, TimeSpan duration, List<double> latencies)
    {
        string[] reads = ["/api/runs", "/api/runs/{0}", "/api/runs/{0}/metrics", "/api/runs/{0}/metrics?format=csv", "/api/runs/{0}/checkpoints", "/api/runs/{0}/tasks", "/api/sweeps", "/api/presets"];
        int errors = 0, sent = 0;
        var clock = Stopwatch.StartNew();
        var inflight = new List<Task>();
        while (clock.Elapsed < duration)
        {
            var due = TimeSpan.FromSeconds(sent / 50.0);
            if (clock.Elapsed < due) await Task.Delay(due - clock.Elapsed);
            var path = string.Format(reads[sent % reads.Length], ids[sent % ids.Count]);
            sent++;
            inflight.Add(Task.Run(async () =>
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    using var response = await http.GetAsync(path);
                    await response.Content.ReadAsByteArrayAsync();
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                }
                catch (HttpRequestException) { Interlocked.Increment(ref errors); }
                lock (latencies) latencies.Add(watch.Elapsed.TotalMilliseconds);
            }));
        }
        await Task.WhenAll(inflight);
        return (sent, errors);
    }

    private static async Task WaitAllRunningAsync(HttpClient http, List<int> ids)
    {
        for (int i = 0; i < 240; i++)
        {
            var runs = await http.GetFromJsonAsync<JsonElement>("/api/runs");
            if (runs.EnumerateArray().Count(r => r.GetProperty("status").GetString() == "Running") == ids.Count) return;
            await Task.Delay(250);
        }
        throw new TimeoutException("the 4 runs did not all start");
    }

    private static async Task<long> StepsAsync(HttpClient http, List<int> ids)
    {
        long total = 0;
        foreach (var id in ids) total += (await http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}")).GetProperty("currentStep").GetInt64();
        return total;
    }

    private static async Task<double> CombinedStepsPerSecondAsync(HttpClient http, List<int> ids, TimeSpan window)
    {
        var before = await StepsAsync(http, ids);
        var clock = Stopwatch.StartNew();
        await Task.Delay(window);
        return (await StepsAsync(http, ids) - before) / clock.Elapsed.TotalSeconds;
    }

    private static double Percentile(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
}
