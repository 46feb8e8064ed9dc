using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ModArith.Web.Tests;

/// <summary>A run's log lines and its training process's samples, as stored with its events and served by the API.</summary>
public sealed class RunLogApiTests : DashboardTest
{
    private readonly HttpClient http;

    public RunLogApiTests() => http = Factory.CreateClient();

    [Fact]
    public async Task A_cancelled_and_resumed_run_logs_each_step_of_its_life_and_samples_its_process()
    {
        int id = (await http.CreateRunAsync(TinyRuns.Request("logged", steps: 400, evalEvery: 20))).GetProperty("id").GetInt32();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await http.GetRunAsync(id)).GetProperty("currentStep").GetInt32() < 30)
        {
            Assert.True(DateTime.UtcNow < deadline, "the run did not reach step 30");
            await Task.Delay(100);
        }
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/runs/{id}/cancel", null)).StatusCode);
        int stoppedAt = (await http.WaitForStatusAsync(id, TimeSpan.FromSeconds(30), "Cancelled")).GetProperty("currentStep").GetInt32();
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/runs/{id}/resume", null)).StatusCode);
        await http.WaitForStatusAsync(id, TimeSpan.FromSeconds(120), "Completed");

        var log = await WaitForLogAsync(id, lines => lines.Any(l => l.Message.StartsWith("finished", StringComparison.Ordinal)));
        var messages = log.Select(l => l.Message).ToList();
        // In time order, each event once: the life of the run as the system panel lists it.
        string[] expected = ["queued", "started (attempt 1 on embedded)", "training on cpu", "cancel requested", $"cancelled at step {stoppedAt}",
            "queued to resume", "resumed at step", "training on cpu", "finished at step 400"];
        int at = -1;
        foreach (var start in expected)
        {
            int next = messages.FindIndex(at + 1, m => m.StartsWith(start, StringComparison.Ordinal));
            Assert.True(next > at, $"'{start}' not found after line {at} in the log: {string.Join(" | ", messages)}");
            at = next;
        }
        // The resume names its step, its checkpoint file and its attempt.
        var resumed = log.Single(l => l.Message.StartsWith("resumed", StringComparison.Ordinal));
        Assert.Matches($@"^resumed at step \d+ from checkpoint runs/{id}/last\.ckpt \(attempt 2 on embedded\)$", resumed.Message);
        Assert.Equal(2, resumed.Attempt);
        Assert.Equal("embedded", resumed.Worker);
        Assert.Equal("Warning", log.Single(l => l.Message.StartsWith("cancelled at", StringComparison.Ordinal)).Level);
        Assert.Null(log[0].Attempt); // queued: the front-end's own line
        Assert.True(log.Zip(log.Skip(1)).All(p => p.First.At <= p.Second.At), "lines out of time order");

        // Samples of the training process from both attempts (the last step is always sampled).
        var samples = await http.GetFromJsonAsync<List<Sample>>($"/api/runs/{id}/system");
        Assert.NotNull(samples);
        Assert.Contains(samples, s => s.Attempt == 1);
        var last = samples.Last();
        Assert.Equal(2, last.Attempt);
        Assert.Equal(400, last.Step);
        Assert.All(samples, s =>
        {
            Assert.InRange(s.MemoryBytes, 20L << 20, 64L << 30); // a .NET process with libtorch: tens of MB at least
            Assert.InRange(s.Threads, 2, 10_000);
            Assert.Equal(Environment.ProcessorCount, s.Cores);
            Assert.InRange(s.CpuPercent, 0, 100 * Environment.ProcessorCount + 50);
        });
        Assert.Contains(samples, s => s.CpuPercent > 5); // it was training
    }

    [Fact]
    public async Task A_run_that_fails_logs_its_error()
    {
        int id = (await http.CreateRunAsync(TinyRuns.Request("breaks", steps: 400, evalEvery: 20))).GetProperty("id").GetInt32();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/checkpoints")).GetArrayLength() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no checkpoint in time");
            await Task.Delay(100);
        }
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/runs/{id}/cancel", null)).StatusCode);
        await http.WaitForStatusAsync(id, TimeSpan.FromSeconds(30), "Cancelled");
        // Its checkpoint is damaged on disk: resuming fails, and says why.
        await File.WriteAllTextAsync(Path.Combine(Factory.DataDirectory, "runs", id.ToString(), "last.ckpt"), "not a checkpoint");
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/runs/{id}/resume", null)).StatusCode);
        var failed = await http.WaitForStatusAsync(id, TimeSpan.FromSeconds(60), "Failed");

        var log = await WaitForLogAsync(id, lines => lines.Any(l => l.Level == "Error"));
        var error = log.Single(l => l.Level == "Error");
        Assert.Equal($"failed: {failed.GetProperty("error").GetString()}", error.Message);
        Assert.Equal(2, error.Attempt);
    }

    [Fact]
    public async Task Unknown_runs_have_no_log_or_samples()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/runs/424242/log")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/runs/424242/system")).StatusCode);
    }

    /// <summary>The log is written by the event writer after the status: poll until <paramref name="done"/>.</summary>
    private async Task<List<Line>> WaitForLogAsync(int id, Func<List<Line>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var lines = (await http.GetFromJsonAsync<List<Line>>($"/api/runs/{id}/log"))!;
            if (done(lines)) return lines;
            Assert.True(DateTime.UtcNow < deadline, "log incomplete: " + string.Join(" | ", lines.Select(l => l.Message)));
            await Task.Delay(200);
        }
    }

    private sealed record Line(int RunId, DateTimeOffset At, string Level, string Message, int? Attempt, string? Worker);

    private sealed record Sample(int RunId, DateTimeOffset At, int Attempt, int Step, double CpuPercent, long MemoryBytes, int Threads, int Cores);
}
