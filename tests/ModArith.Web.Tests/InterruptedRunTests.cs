using System.Net.Http.Json;
using Microsoft.Data.Sqlite;

namespace ModArith.Web.Tests;

/// <summary>A process that dies mid-run: on restart the run is Interrupted and resumes from its last checkpoint.</summary>
public sealed class InterruptedRunTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("modarith-crash-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataDirectory, true); } catch (IOException) { }
    }

    [Fact]
    public async Task An_interrupted_run_resumes_without_losing_or_duplicating_metric_points()
    {
        int id;
        using (var first = new DashboardFactory(dataDirectory))
        {
            var http = first.CreateClient();
            id = (await http.CreateRunAsync(TinyRuns.Request("crash", steps: 300, evalEvery: 10))).GetProperty("id").GetInt32();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await http.MetricStepsAsync(id)).Length < 3)
            {
                Assert.True(DateTime.UtcNow < deadline, "no metrics stored in time");
                await Task.Delay(100);
            }
        }
        await Task.Delay(500); // the training thread notices the shutdown within one step
        // The process "died": whatever the shutdown managed to record, the database says Running.
        using (var db = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "modarith.db")}"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = $"UPDATE Runs SET Status = 'Running' WHERE Id = {id}";
            Assert.Equal(1, cmd.ExecuteNonQuery());
        }
        SqliteConnection.ClearAllPools();

        using var second = new DashboardFactory(dataDirectory);
        var client = second.CreateClient();
        Assert.Equal("Interrupted", (await client.GetRunAsync(id)).GetProperty("status").GetString());
        var before = await client.MetricStepsAsync(id);
        Assert.NotEmpty(before);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{id}/resume", null)).StatusCode);
        await client.WaitForStatusAsync(id, TimeSpan.FromSeconds(180), "Completed");
        var steps = await client.MetricStepsAsync(id);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => i * 10), steps); // every point once, none lost
        // The per-step curve (logEvery 10) likewise: cut at the checkpoint, then continued.
        var series = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/runs/{id}/series?keys=trainLoss&maxPoints=0");
        Assert.Equal(Enumerable.Range(1, 30).Select(i => i * 10), series.GetProperty("series").GetProperty("trainLoss").GetProperty("steps").EnumerateArray().Select(s => s.GetInt32()));
        // The run's log tells the story: found running at start-up, then resumed from its checkpoint.
        var log = (await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/runs/{id}/log")).EnumerateArray()
            .Select(l => l.GetProperty("message").GetString()!).ToList();
        int recovered = log.FindIndex(m => m.Contains("found running at start-up", StringComparison.Ordinal));
        int resumed = log.FindIndex(m => m.StartsWith("resumed at step", StringComparison.Ordinal));
        Assert.True(recovered >= 0 && resumed > recovered, string.Join(" | ", log));
    }

    [Fact]
    public async Task A_point_lost_between_checkpoint_and_database_is_restored_from_the_checkpoint_on_resume()
    {
        int id;
        string storedPoint;
        using (var first = new DashboardFactory(dataDirectory))
        {
            var http = first.CreateClient();
            id = (await http.CreateRunAsync(TinyRuns.Request("hard-kill", steps: 40, evalEvery: 10))).GetProperty("id").GetInt32();
            await http.WaitForStatusAsync(id, TimeSpan.FromSeconds(120), "Completed");
            storedPoint = await LastPointAsync(http, id);
        }
        // A hard kill right after the final checkpoint was written: its evaluation never reached the
        // database and the run still says Running.
        using (var db = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "modarith.db")}"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = $"DELETE FROM MetricPoints WHERE RunId = {id} AND Step = 40; UPDATE Runs SET Status = 'Running' WHERE Id = {id}";
            Assert.Equal(2, cmd.ExecuteNonQuery());
        }
        SqliteConnection.ClearAllPools();

        using var second = new DashboardFactory(dataDirectory);
        var client = second.CreateClient();
        Assert.Equal(new[] { 10, 20, 30 }, await client.MetricStepsAsync(id));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{id}/resume", null)).StatusCode);
        await client.WaitForStatusAsync(id, TimeSpan.FromSeconds(60), "Completed");

        Assert.Equal(new[] { 10, 20, 30, 40 }, await client.MetricStepsAsync(id));
        Assert.Equal(storedPoint, await LastPointAsync(client, id)); // the very same numbers, not a re-evaluation
    }

    /// <summary>The last stored point's numbers (loss, accuracies, per-shot), without its storage timestamp.</summary>
    private static async Task<string> LastPointAsync(HttpClient http, int id)
    {
        var metrics = await http.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>($"/api/runs/{id}/metrics?format=json");
        var last = metrics![^1]!.AsObject();
        last.Remove("evaluatedAt");
        last.Remove("id");
        return last.ToJsonString();
    }
}
