using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ModArith.Core.Sweeps;

namespace ModArith.Web.Tests.Sweeps;

public sealed class SweepApiTests : DashboardTest
{
    private readonly HttpClient http;

    public SweepApiTests() => http = Factory.CreateClient();

    private async Task<HashSet<string>> RefusedFieldsAsync(object body)
    {
        var response = await http.PostAsJsonAsync("/api/sweeps", body);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, problem.ToString());
        return problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
    }

    [Fact]
    public async Task Invalid_sweeps_give_400_naming_the_field_and_store_nothing()
    {
        Assert.Equal(["grid"], await RefusedFieldsAsync(new { name = "empty", @base = new { preset = "cpu-small" }, grid = new { alpha = Array.Empty<double>() } }));
        Assert.Equal(["grid.alpha[1]"], await RefusedFieldsAsync(new { name = "bad", @base = new { preset = "cpu-small" }, grid = new { alpha = new[] { 0.5, 2.0 } } }));
        Assert.Equal(["grid.numTasks[0]"], await RefusedFieldsAsync(new { name = "bad", @base = new { preset = "cpu-small" }, grid = new { numTasks = new object[] { "many" } } }));
        Assert.Equal(["grid.width"], await RefusedFieldsAsync(new { name = "unknown", @base = new { preset = "cpu-small" }, grid = new { numTasks = new[] { 8 }, width = new[] { 3 } } }));
        Assert.Equal(["base.epochs"], await RefusedFieldsAsync(new { name = "unknown", @base = new { preset = "cpu-small", epochs = 3 }, grid = new { numTasks = new[] { 8 } } }));
        Assert.Equal(["name"], await RefusedFieldsAsync(new { @base = new { preset = "cpu-small" }, grid = new { numTasks = new[] { 8 } } }));
        // 7 × 10 = 70 runs: over the default cap of 64.
        var tooMany = await http.PostAsJsonAsync("/api/sweeps", new
        {
            name = "huge", @base = new { preset = "cpu-small" },
            grid = new { alpha = new[] { 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8 }, seed = Enumerable.Range(0, 10).ToArray() },
        });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        var message = (await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("grid")[0].GetString();
        Assert.Contains("70 runs", message);
        Assert.Contains("MaxSweepRuns", message);

        Assert.Equal(0, (await http.GetFromJsonAsync<JsonElement>("/api/sweeps")).GetArrayLength());
        Assert.Equal(0, (await http.GetFromJsonAsync<JsonElement>("/api/runs")).GetArrayLength());
    }

    [Fact]
    public async Task A_tiny_sweep_runs_every_grid_point_and_reports_each_runs_phases()
    {
        var response = await http.PostAsJsonAsync("/api/sweeps", TinyRuns.Sweep("tiny", [4, 8], [0.4, 0.8]));
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, created.ToString());
        int id = created.GetProperty("id").GetInt32();
        Assert.Equal(4, created.GetProperty("totalRuns").GetInt32());

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        JsonElement sweep;
        do
        {
            await Task.Delay(500);
            sweep = await http.GetFromJsonAsync<JsonElement>($"/api/sweeps/{id}");
        } while (sweep.GetProperty("status").GetString() is "Queued" or "Running" && DateTime.UtcNow < deadline);

        Assert.Equal("Completed", sweep.GetProperty("status").GetString());
        Assert.Equal(4, sweep.GetProperty("finishedRuns").GetInt32());
        var runs = sweep.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal([(4, 0.4), (4, 0.8), (8, 0.4), (8, 0.8)], runs.Select(r => (r.GetProperty("numTasks").GetInt32(), r.GetProperty("alpha").GetDouble())));
        foreach (var run in runs)
        {
            Assert.Equal("Completed", run.GetProperty("status").GetString());
            // The phases are the classification of the reported accuracies, at the best-o.o.d. evaluation and at the end.
            var best = Accuracies(run.GetProperty("atBestOod"));
            var final = Accuracies(run.GetProperty("final"));
            var expected = PhaseClassifier.Classify(best, final, run.GetProperty("p").GetInt32(), PhaseThresholds.Default);
            Assert.Equal(Name(expected.AtBestOod), run.GetProperty("phaseAtBestOod").GetString());
            Assert.Equal(Name(expected.AtEnd), run.GetProperty("phaseAtEnd").GetString());
            Assert.NotNull(run.GetProperty("phaseAtEnd").GetString());
            Assert.Equal(best.OodTest, (await http.GetRunAsync(run.GetProperty("id").GetInt32())).GetProperty("bestOodTestAccuracy").GetDouble());
            // Beside the phase: the o.o.d. copy-free accuracy of the same evaluations (the best-o.o.d. one and the last).
            var points = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{run.GetProperty("id").GetInt32()}/metrics");
            var bestPoint = points.EnumerateArray().Single(p => p.GetProperty("step").GetInt32() == run.GetProperty("bestOodStep").GetInt32());
            Assert.Equal(bestPoint.GetProperty("oodCopyFreeAccuracy").GetDouble(), run.GetProperty("atBestOod").GetProperty("oodCopyFree").GetDouble());
            Assert.Equal(points[points.GetArrayLength() - 1].GetProperty("oodCopyFreeAccuracy").GetDouble(), run.GetProperty("final").GetProperty("oodCopyFree").GetDouble());
            Assert.Equal(points[points.GetArrayLength() - 1].GetProperty("idCopyFreeAccuracy").GetDouble(), run.GetProperty("final").GetProperty("idCopyFree").GetDouble());
        }

        var list = await http.GetFromJsonAsync<JsonElement>("/api/sweeps");
        var summary = Assert.Single(list.EnumerateArray());
        Assert.Equal("4/4", $"{summary.GetProperty("finishedRuns").GetInt32()}/{summary.GetProperty("totalRuns").GetInt32()}");
        var inRun = await http.GetRunAsync(runs[0].GetProperty("id").GetInt32());
        Assert.Equal(id, inRun.GetProperty("sweepId").GetInt32());
    }

    [Fact]
    public async Task Cancelling_a_sweep_cancels_its_running_and_queued_runs()
    {
        var response = await http.PostAsJsonAsync("/api/sweeps", TinyRuns.Sweep("long", [4, 8], [0.8], steps: 5000, evalEvery: 1000));
        int id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var runIds = (await http.GetFromJsonAsync<JsonElement>($"/api/sweeps/{id}")).GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ToList();
        await http.WaitForStatusAsync(runIds[0], TimeSpan.FromSeconds(60), "Running");

        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/sweeps/{id}/cancel", null)).StatusCode);
        foreach (var runId in runIds)
        {
            var run = await http.WaitForStatusAsync(runId, TimeSpan.FromSeconds(60), "Cancelled", "Completed", "Failed");
            Assert.True(run.GetProperty("status").GetString() == "Cancelled", run.ToString());
        }
        Assert.Equal("Cancelled", (await http.GetFromJsonAsync<JsonElement>($"/api/sweeps/{id}")).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/api/sweeps/4242/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/sweeps/4242")).StatusCode);
    }

    [Fact]
    public async Task The_stop_rule_in_a_sweeps_base_ends_its_runs_early_as_completed()
    {
        // Weights that cannot move (learning rate 1e-12): o.o.d. accuracy never improves after the first evaluation.
        var response = await http.PostAsJsonAsync("/api/sweeps", new
        {
            name = "early", @base = new { preset = "cpu-small", steps = 400, evalEvery = 10, evalSequences = 32, dModel = 16, heads = 2, warmupSteps = 0, learningRate = 1e-12, stopPatience = 2 },
            grid = new { numTasks = new[] { 4 } },
        });
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, created.ToString());
        int runId = created.GetProperty("runs")[0].GetProperty("id").GetInt32();
        var run = await http.WaitForStatusAsync(runId, TimeSpan.FromSeconds(90), "Completed", "Failed");
        Assert.Equal("Completed", run.GetProperty("status").GetString());
        Assert.Equal(30, run.GetProperty("currentStep").GetInt32()); // evaluations at 10 (best), 20, 30
        Assert.Equal(10, run.GetProperty("bestOodStep").GetInt32());
        Assert.Equal(new[] { 10, 20, 30 }, await http.MetricStepsAsync(runId));
    }

    [Fact]
    public async Task Ready_sweeps_are_listed_in_the_shape_the_api_accepts()
    {
        var presets = await http.GetFromJsonAsync<JsonElement>("/api/sweep-presets");
        var paper = presets.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "paper-phase-diagram");
        Assert.Equal("paper-d2", paper.GetProperty("base").GetProperty("preset").GetString());
        Assert.Equal(7, paper.GetProperty("grid").GetProperty("numTasks").GetArrayLength());
        // Posted as it is, it is read as a sweep: on a server whose step limit is below the
        // paper's 200k steps, the refusal names the base key, not the body's shape.
        using var limited = new DashboardFactory(settings: new() { ["Dashboard:MaxSteps"] = "1000" });
        try
        {
            var response = await limited.CreateClient().PostAsJsonAsync("/api/sweeps", paper);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var fields = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name);
            Assert.Equal(["base.steps"], fields);
        }
        finally
        {
            limited.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(limited.DataDirectory, true);
        }
    }

    private static FourAccuracies Accuracies(JsonElement a) => new(D(a, "idTrain"), D(a, "idTest"), D(a, "oodTrain"), D(a, "oodTest"));

    private static double? D(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDouble();

    private static string? Name(Phase? p) => p is null ? null : JsonNamingPolicy.CamelCase.ConvertName(p.Value.ToString());
}
