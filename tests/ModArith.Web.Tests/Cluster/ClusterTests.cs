using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.AspNetCore.SignalR.Client;

namespace ModArith.Web.Tests.Cluster;

/// <summary>
/// The cluster mode end to end with real processes: PostgreSQL, Redis, two front-ends (A, B) and two
/// workers (w1, w2). Workers are killed, paused and resumed as a failing machine would be.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterTests(ClusterFixture cluster) : IAsyncLifetime
{
    private HttpClient A => cluster.FrontEndA.Http!;
    private HttpClient B => cluster.FrontEndB.Http!;

    public Task InitializeAsync() => cluster.EnsureWorkersAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A run long enough (a few hundred tiny steps) to be caught mid-way.</summary>
    private static object LongRun(string name, int steps) => TinyRuns.Request(name, steps, evalEvery: 10);

    [Fact]
    public async Task A_sweep_of_four_runs_is_spread_over_both_workers_and_completes()
    {
        var response = await A.PostAsJsonAsync("/api/sweeps", TinyRuns.Sweep("spread", [4, 8], [0.5, 0.7], steps: 60));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        int sweepId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var deadline = DateTime.UtcNow.AddMinutes(4);
        JsonElement sweep;
        while (true)
        {
            sweep = await B.GetFromJsonAsync<JsonElement>($"/api/sweeps/{sweepId}");
            if (sweep.GetProperty("runs").EnumerateArray().All(r => r.GetProperty("status").GetString() == "Completed")) break;
            Assert.True(DateTime.UtcNow < deadline, $"sweep not done: {sweep}");
            await Task.Delay(500);
        }
        var workers = sweep.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("worker").GetString()).ToList();
        Assert.Equal(4, workers.Count);
        Assert.Equal(new[] { "w1", "w2" }, workers.Distinct().Order().ToArray());
        foreach (var r in sweep.GetProperty("runs").EnumerateArray())
            Assert.Equal(new[] { 10, 20, 30, 40, 50, 60 }, await B.MetricStepsAsync(r.GetProperty("id").GetInt32()));

        // Operators see both workers with their process ids.
        var listed = await B.GetFromJsonAsync<JsonElement>("/api/workers");
        foreach (var (name, node) in cluster.Workers)
            Assert.Contains(listed.EnumerateArray(), w => w.GetProperty("name").GetString() == name && w.GetProperty("pid").GetInt32() == node.Pid
                                                          && w.GetProperty("slots").GetInt32() == 1 && w.GetProperty("devices")[0].GetString() == "cpu");
    }

    [Fact]
    public async Task A_killed_workers_run_resumes_on_the_other_and_stores_every_evaluation_once()
    {
        int id = (await A.CreateRunAsync(LongRun("kill-9", 150))).GetProperty("id").GetInt32();
        var holder = await WaitForPointsAsync(id, 3);
        var victim = cluster.Workers[holder];
        victim.Signal("KILL");
        await victim.WaitForExitAsync(TimeSpan.FromSeconds(10));

        var done = await B.WaitForStatusAsync(id, TimeSpan.FromMinutes(4), "Completed");
        Assert.NotEqual(holder, done.GetProperty("worker").GetString());
        Assert.True(done.GetProperty("attempt").GetInt32() >= 2);
        Assert.Equal(Enumerable.Range(1, 15).Select(i => i * 10), await B.MetricStepsAsync(id));

        // The run's log and its process samples come from the workers, read on a front-end that trained nothing.
        string survivor = done.GetProperty("worker").GetString()!;
        int attempt = done.GetProperty("attempt").GetInt32();
        var log = (await B.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/log")).EnumerateArray()
            .Select(l => (Message: l.GetProperty("message").GetString()!, Worker: l.GetProperty("worker").GetString())).ToList();
        Assert.Contains(log, l => l.Message == $"started (attempt 1 on {holder})" && l.Worker == holder);
        Assert.Contains(log, l => l.Message.EndsWith($"(attempt {attempt} on {survivor})", StringComparison.Ordinal)
                                  && (l.Message.StartsWith($"resumed at step", StringComparison.Ordinal) || l.Message.StartsWith("started over", StringComparison.Ordinal)));
        Assert.Equal(("finished at step 150", survivor), log[^1]);
        var last = (await B.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/system")).EnumerateArray().Last();
        Assert.Equal((attempt, 150), (last.GetProperty("attempt").GetInt32(), last.GetProperty("step").GetInt32()));
        Assert.True(last.GetProperty("memoryBytes").GetInt64() > 20L << 20);

        // Looking inside works on a front-end that trained nothing: the checkpoints the workers wrote
        // are found through the shared data directory (paths stored relative to it).
        var checkpoints = await B.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/checkpoints");
        int lastCheckpoint = checkpoints.EnumerateArray().First(c => c.GetProperty("kind").GetString() == "Last").GetProperty("id").GetInt32();
        var correctness = await B.GetAsync($"/api/runs/{id}/checkpoints/{lastCheckpoint}/correctness?a=1&b=2&shots=4");
        Assert.Equal(HttpStatusCode.OK, correctness.StatusCode);
        var grid = await correctness.Content.ReadFromJsonAsync<JsonElement>();
        Assert.InRange(grid.GetProperty("result").GetProperty("accuracy").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task A_paused_worker_that_comes_back_after_its_run_moved_on_can_no_longer_write_for_it()
    {
        int id = (await A.CreateRunAsync(LongRun("zombie", 150))).GetProperty("id").GetInt32();
        var holder = await WaitForPointsAsync(id, 3);
        var zombie = cluster.Workers[holder];
        int attemptBefore = (await A.GetRunAsync(id)).GetProperty("attempt").GetInt32();
        zombie.Signal("STOP");
        try
        {
            // Past the invisibility timeout Hangfire hands the job to the other worker, which claims the next attempt.
            var deadline = DateTime.UtcNow.AddSeconds(ClusterFixture.InvisibilitySeconds * 6);
            while ((await A.GetRunAsync(id)).GetProperty("attempt").GetInt32() == attemptBefore)
            {
                Assert.True(DateTime.UtcNow < deadline, "the paused worker's run was not taken over:\n" + cluster.Logs());
                await Task.Delay(250);
            }
            await WaitForPointsAfterAsync(id, (await A.MetricStepsAsync(id)).DefaultIfEmpty(0).Max());
        }
        finally
        {
            zombie.Signal("CONT");
        }

        var done = await B.WaitForStatusAsync(id, TimeSpan.FromMinutes(4), "Completed");
        Assert.NotEqual(holder, done.GetProperty("worker").GetString());
        Assert.Equal(Enumerable.Range(1, 15).Select(i => i * 10), await B.MetricStepsAsync(id));
        // The woken worker noticed it had lost the run and stopped training it.
        var wokeDeadline = DateTime.UtcNow.AddSeconds(30);
        while (!zombie.Output.Contains($"Run {id}: attempt {attemptBefore} lost the run", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < wokeDeadline, "the woken worker did not stop the lost run:\n" + zombie.Output);
            await Task.Delay(250);
        }
        Assert.False(zombie.HasExited);
    }

    [Fact]
    public async Task A_queued_run_whose_job_was_lost_is_enqueued_again_by_a_front_end_and_completes()
    {
        // Workers paused, so the job is still waiting when it is deleted.
        foreach (var worker in cluster.Workers.Values) worker.Signal("STOP");
        int id;
        try
        {
            id = (await A.CreateRunAsync(LongRun("orphan", 60))).GetProperty("id").GetInt32();
            // Deleted in Hangfire (as an operator could, or as if the front-end had died before
            // enqueueing it): the run is stored as Queued, and no job will ever train it.
            var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(cluster.Postgres.ConnectionString,
                new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = false }));
            var job = storage.GetMonitoringApi().EnqueuedJobs("cpu", 0, 1000).Single(j => j.Value.Job.Args[0] is int runId && runId == id);
            Assert.True(new BackgroundJobClient(storage).Delete(job.Key));
        }
        finally
        {
            foreach (var worker in cluster.Workers.Values) worker.Signal("CONT");
        }

        await B.WaitForStatusAsync(id, TimeSpan.FromMinutes(3), "Completed");
        Assert.Equal(new[] { 10, 20, 30, 40, 50, 60 }, await B.MetricStepsAsync(id));
        Assert.Contains($"Run {id} (Queued) had no Hangfire job to train it: queued again", cluster.FrontEndA.Output + cluster.FrontEndB.Output);
    }

    [Fact]
    public async Task Hangfires_dashboard_on_a_front_end_with_a_token_is_served_only_past_the_token()
    {
        await using var guarded = await ClusterNode.FrontEndAsync("C", cluster.Settings, accessToken: "operators-only-7c1f");
        using var anonymous = new HttpClient { BaseAddress = guarded.Http!.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/hangfire/jobs/enqueued")).StatusCode);

        var page = await guarded.Http.GetAsync("/hangfire/servers");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Hangfire Dashboard", html);
        // The workers' Hangfire servers, each serving its device kind's queue.
        Assert.Contains("cpu", html);
        Assert.DoesNotContain("There are no active servers", html);
    }

    [Fact]
    public async Task Cancel_from_front_end_B_reaches_a_run_started_on_A_within_five_seconds()
    {
        int id = (await A.CreateRunAsync(LongRun("cancel-from-b", 3000))).GetProperty("id").GetInt32();
        await A.WaitForStatusAsync(id, TimeSpan.FromMinutes(2), "Running");
        await WaitForPointsAsync(id, 1);

        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Accepted, (await B.PostAsync($"/api/runs/{id}/cancel", null)).StatusCode);
        var cancelled = await B.WaitForStatusAsync(id, TimeSpan.FromSeconds(5), "Cancelled");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.True(cancelled.GetProperty("currentStep").GetInt32() < 3000);

        // Resumed from B, it continues from its checkpoint and completes without a point twice.
        Assert.Equal(HttpStatusCode.Accepted, (await B.PostAsync($"/api/runs/{id}/resume", null)).StatusCode);
        var resumed = await A.WaitForStatusAsync(id, TimeSpan.FromMinutes(1), "Running", "Completed");
        Assert.Equal(HttpStatusCode.Accepted, (await A.PostAsync($"/api/runs/{id}/cancel", null)).StatusCode);
        // (The five-second figure is asserted above, on a run already training; this one may still be loading.)
        await B.WaitForStatusAsync(id, TimeSpan.FromSeconds(60), "Cancelled", "Completed");
        var steps = await A.MetricStepsAsync(id);
        Assert.Equal(steps.Distinct().Order(), steps);
        Assert.True(resumed.GetProperty("attempt").GetInt32() >= 2);
    }

    [Fact]
    public async Task A_hub_client_on_front_end_B_receives_live_metrics_of_a_run_started_on_A()
    {
        await using var hub = new HubConnectionBuilder().WithUrl(cluster.FrontEndB.BaseUrl + "/hubs/runs").Build();
        var metrics = new ConcurrentQueue<JsonElement>();
        var statuses = new ConcurrentQueue<JsonElement>();
        hub.On<JsonElement>("metric", m => metrics.Enqueue(m));
        hub.On<JsonElement>("status", s => statuses.Enqueue(s));
        await hub.StartAsync();
        await hub.InvokeAsync("JoinRunList");

        // Queued, so the run's group can be joined before its first evaluation.
        int id = (await A.CreateRunAsync(LongRun("live-across", 60))).GetProperty("id").GetInt32();
        await hub.InvokeAsync("JoinRun", id);
        await A.WaitForStatusAsync(id, TimeSpan.FromMinutes(2), "Completed");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!statuses.Any(s => s.GetProperty("runId").GetInt32() == id && s.GetProperty("status").GetString() == "Completed"))
        {
            Assert.True(DateTime.UtcNow < deadline, "no Completed status pushed to front-end B");
            await Task.Delay(100);
        }
        var live = metrics.Where(m => m.GetProperty("runId").GetInt32() == id).Select(m => m.GetProperty("step").GetInt32()).ToList();
        Assert.Equal(new[] { 10, 20, 30, 40, 50, 60 }, live);

        // The structure metrics take the same path: measured on the worker, stored in PostgreSQL, pushed through Redis.
        var pushed = metrics.Where(m => m.GetProperty("runId").GetInt32() == id).ToList();
        var stored = (await B.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/metrics")).EnumerateArray().ToList();
        Assert.All(pushed, m => Assert.NotEmpty(m.GetProperty("attention").EnumerateArray()));
        Assert.Equal(stored.Select(m => m.GetProperty("oodCopyFreeAccuracy").GetDouble()), pushed.Select(m => m.GetProperty("oodCopyFreeAccuracy").GetDouble()));
        Assert.Equal(stored.Select(m => m.GetProperty("attention").ToString()), pushed.Select(m => m.GetProperty("attention").ToString()));
    }

    [Fact]
    public async Task A_hub_client_joining_mid_run_on_B_gets_the_stored_points_then_the_live_ones_each_step_once()
    {
        int id = (await A.CreateRunAsync(LongRun("join-mid-run", 120))).GetProperty("id").GetInt32();
        await WaitForPointsAsync(id, 3);

        await using var hub = new HubConnectionBuilder().WithUrl(cluster.FrontEndB.BaseUrl + "/hubs/runs").Build();
        var live = new ConcurrentQueue<int>();
        hub.On<JsonElement>("metric", m => { if (m.GetProperty("runId").GetInt32() == id) live.Enqueue(m.GetProperty("step").GetInt32()); });
        await hub.StartAsync();
        var stored = (await hub.InvokeAsync<List<JsonElement>>("JoinRunFrom", id, 0)).Select(m => m.GetProperty("step").GetInt32()).ToList();
        Assert.True(stored.Count >= 3);
        await A.WaitForStatusAsync(id, TimeSpan.FromMinutes(3), "Completed");
        await Task.Delay(1000); // the last live point is pushed after its commit

        // The client's rule: stored points, then each live point whose step is beyond what it holds.
        var seen = new List<int>(stored);
        foreach (var step in live) if (step > seen.Max()) seen.Add(step);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => i * 10), seen);
        Assert.Contains(live, step => step > stored.Max()); // the rest did arrive live
    }

    [Fact]
    public async Task PostgreSQL_restarted_mid_run_loses_and_doubles_no_point()
    {
        int id = (await A.CreateRunAsync(LongRun("pg-restart", 150))).GetProperty("id").GetInt32();
        await WaitForPointsAsync(id, 2);
        cluster.Postgres.Stop();
        await Task.Delay(TimeSpan.FromSeconds(3)); // training goes on; the workers' writers retry
        cluster.Postgres.Start();

        var done = await B.WaitForStatusAsync(id, TimeSpan.FromMinutes(4), "Completed");
        Assert.Equal(Enumerable.Range(1, 15).Select(i => i * 10), await B.MetricStepsAsync(id));
        Assert.Equal(150, done.GetProperty("currentStep").GetInt32());
    }

    [Fact]
    public async Task With_Redis_down_runs_still_train_and_store_and_live_push_comes_back_with_it()
    {
        cluster.Redis.Stop();
        try
        {
            int id = (await A.CreateRunAsync(LongRun("redis-down", 60))).GetProperty("id").GetInt32();
            await B.WaitForStatusAsync(id, TimeSpan.FromMinutes(3), "Completed");
            Assert.Equal(new[] { 10, 20, 30, 40, 50, 60 }, await B.MetricStepsAsync(id));
        }
        finally
        {
            cluster.Redis.Start();
        }

        // Back: a hub client on B gets the live events of a run started on A again.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            await using var hub = new HubConnectionBuilder().WithUrl(cluster.FrontEndB.BaseUrl + "/hubs/runs").Build();
            var completed = new TaskCompletionSource();
            hub.On<JsonElement>("status", s => { if (s.GetProperty("status").GetString() == "Completed") completed.TrySetResult(); });
            try
            {
                await hub.StartAsync();
                await hub.InvokeAsync("JoinRunList");
                await A.CreateRunAsync(LongRun("redis-back", 10));
                if (await Task.WhenAny(completed.Task, Task.Delay(TimeSpan.FromSeconds(60))) == completed.Task) return;
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException) { }
            Assert.True(DateTime.UtcNow < deadline, "no live status on B after Redis came back:\n" + cluster.Logs());
        }
    }

    /// <summary>Waits until the run has stored this many evaluations; returns the worker holding it.</summary>
    private async Task<string> WaitForPointsAsync(int id, int count)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if ((await A.MetricStepsAsync(id)).Length >= count)
            {
                var run = await A.GetRunAsync(id);
                if (run.GetProperty("worker").GetString() is { } worker) return worker;
            }
            Assert.True(DateTime.UtcNow < deadline, $"run {id} stored fewer than {count} points in time");
            await Task.Delay(100);
        }
    }

    private async Task WaitForPointsAfterAsync(int id, int step)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while ((await A.MetricStepsAsync(id)).DefaultIfEmpty(0).Max() <= step)
        {
            Assert.True(DateTime.UtcNow < deadline, $"run {id} stored nothing after step {step}");
            await Task.Delay(100);
        }
    }
}
