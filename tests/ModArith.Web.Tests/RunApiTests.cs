using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ModArith.Web.Tests;

public sealed class RunApiTests : DashboardTest
{
    private readonly HttpClient http;

    public RunApiTests() => http = Factory.CreateClient();

    [Fact]
    public async Task A_tiny_run_completes_and_its_metrics_are_stored_and_exported()
    {
        var created = await http.CreateRunAsync(TinyRuns.Request("api-tiny"));
        int id = created.GetProperty("id").GetInt32();
        Assert.Equal("Queued", created.GetProperty("status").GetString());
        Assert.Equal(20, created.GetProperty("config").GetProperty("steps").GetInt32());

        var run = await http.WaitForStatusAsync(id, TimeSpan.FromSeconds(90), "Completed", "Failed");
        Assert.Equal("Completed", run.GetProperty("status").GetString());
        Assert.Equal("cpu", run.GetProperty("device").GetString());
        Assert.Equal(20, run.GetProperty("currentStep").GetInt32());
        Assert.True(run.GetProperty("bestOodTestAccuracy").GetDouble() > 0);

        var steps = await http.MetricStepsAsync(id);
        Assert.Equal(new[] { 10, 20 }, steps);
        var metrics = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/metrics?format=json");
        Assert.Equal(8, metrics[1].GetProperty("perShot").GetProperty("oodTest").GetArrayLength()); // k = 8 in cpu-small

        var csv = (await http.GetStringAsync($"/api/runs/{id}/metrics?format=csv")).Trim().Split('\n');
        Assert.StartsWith("step,wallSeconds,learningRate,trainLoss,idTrainLoss", csv[0]);
        Assert.Equal(["10", "20"], csv.Skip(1).Select(l => l.Split(',')[0]));

        var checkpoints = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/checkpoints");
        var kinds = checkpoints.EnumerateArray().Select(c => c.GetProperty("kind").GetString()).ToHashSet();
        Assert.Contains("Last", kinds);
        Assert.Contains("BestOod", kinds);

        var tasks = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/tasks");
        Assert.Equal(20, tasks.GetProperty("id").GetArrayLength());
        Assert.Equal(39, tasks.GetProperty("trainPairs").GetArrayLength()); // round(0.8 · 49)

        var list = await http.GetFromJsonAsync<JsonElement>("/api/runs");
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("id").GetInt32() == id);
    }

    [Fact]
    public async Task An_invalid_config_gives_400_naming_each_field_and_stores_nothing()
    {
        var response = await http.PostAsJsonAsync("/api/runs", new { preset = "cpu-small", p = 8, alpha = 0, heads = 5, epochs = 3 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "p", "alpha", "heads", "epochs" }, fields);

        var malformed = await http.PostAsync("/api/runs", new StringContent("{ \"p\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);

        var tooLong = await http.PostAsJsonAsync("/api/runs", new { preset = "cpu-small", steps = 50_000_000 });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("steps", await tooLong.Content.ReadAsStringAsync());

        Assert.Equal(0, (await http.GetFromJsonAsync<JsonElement>("/api/runs")).GetArrayLength());
    }

    [Fact]
    public async Task Unknown_run_ids_give_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/runs/424242")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/runs/424242/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/runs/424242/checkpoints")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/api/runs/424242/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/api/runs/424242/resume", null)).StatusCode);
    }

    [Fact]
    public async Task A_running_run_can_be_cancelled_and_resumed_to_completion()
    {
        int id = (await http.CreateRunAsync(TinyRuns.Request("cancel-me", steps: 400, evalEvery: 20))).GetProperty("id").GetInt32();
        await WaitForStepAsync(id, 30);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/runs/{id}/cancel", null)).StatusCode);
        var cancelled = await http.WaitForStatusAsync(id, TimeSpan.FromSeconds(30), "Cancelled");
        int stoppedAt = cancelled.GetProperty("currentStep").GetInt32();
        Assert.InRange(stoppedAt, 30, 399);

        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsync($"/api/runs/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/runs/{id}/resume", null)).StatusCode);
        await http.WaitForStatusAsync(id, TimeSpan.FromSeconds(120), "Completed");
        Assert.Equal(Enumerable.Range(1, 20).Select(i => i * 20), await http.MetricStepsAsync(id));
    }

    private async Task WaitForStepAsync(int id, int step)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await http.GetRunAsync(id)).GetProperty("currentStep").GetInt32() < step)
        {
            Assert.True(DateTime.UtcNow < deadline, $"run {id} did not reach step {step}");
            await Task.Delay(100);
        }
    }
}

public sealed class PredictApiTests : DashboardTest
{
    [Fact]
    public async Task Predict_returns_the_models_argmax_at_every_position_and_validates_tokens()
    {
        var http = Factory.CreateClient();
        int id = (await http.CreateRunAsync(TinyRuns.Request("predict", steps: 20))).GetProperty("id").GetInt32();
        await http.WaitForStatusAsync(id, TimeSpan.FromSeconds(90), "Completed");

        int[] sequence = [1, 2, 3, 4, 5, 6, 0, 1, 2];
        var response = await http.PostAsJsonAsync($"/api/runs/{id}/predict", new { sequences = new[] { sequence, new[] { 3, 3 } } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var predictions = body.GetProperty("predictions");
        Assert.Equal(9, predictions[0].GetArrayLength());
        Assert.Equal(2, predictions[1].GetArrayLength());
        Assert.All(predictions[0].EnumerateArray(), t => Assert.InRange(t.GetInt32(), 0, 6));
        Assert.Equal("Last", body.GetProperty("checkpoint").GetProperty("kind").GetString());

        // Causal model: the prediction at a position depends only on the tokens up to it.
        var prefix = await (await http.PostAsJsonAsync($"/api/runs/{id}/predict", new { sequences = new[] { sequence[..4] } })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(predictions[0].EnumerateArray().Take(4).Select(t => t.GetInt32()), prefix.GetProperty("predictions")[0].EnumerateArray().Select(t => t.GetInt32()));

        var bad = await http.PostAsJsonAsync($"/api/runs/{id}/predict", new { sequences = new[] { new[] { 1, 9 } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("sequences[0]", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync($"/api/runs/{id}/predict", new { sequences = Array.Empty<int[]>() })).StatusCode);
        // Strict: a token given as the string "1" is refused at its place, not read as 1.
        var asString = await http.PostAsync($"/api/runs/{id}/predict", new StringContent("""{"sequences":[[1,"2"]]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, asString.StatusCode);
        var problem = await asString.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("not a string", problem.GetProperty("errors").GetProperty("sequences[0][1]")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsJsonAsync("/api/runs/9999/predict", new { sequences = new[] { sequence } })).StatusCode);
    }
}
