using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ModArith.Web.Analysis;

namespace ModArith.Web.Tests;

/// <summary>One tiny trained run (p = 7, k = 8, depth 2, 2 heads) shared by the analysis API tests.</summary>
public sealed class TrainedRunFixture : IAsyncLifetime
{
    public DashboardFactory Factory { get; } = new();
    public HttpClient Http { get; private set; } = null!;
    public int RunId { get; private set; }
    public int CheckpointId { get; private set; }

    public async Task InitializeAsync()
    {
        Http = Factory.CreateClient();
        RunId = (await Http.CreateRunAsync(TinyRuns.Request("inside", steps: 20))).GetProperty("id").GetInt32();
        await Http.WaitForStatusAsync(RunId, TimeSpan.FromSeconds(90), "Completed");
        var checkpoints = await Http.GetFromJsonAsync<JsonElement>($"/api/runs/{RunId}/checkpoints");
        CheckpointId = checkpoints.EnumerateArray().First(c => c.GetProperty("kind").GetString() == "Last").GetProperty("id").GetInt32();
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Factory.DataDirectory, true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

public sealed class AnalysisApiTests(TrainedRunFixture run) : IClassFixture<TrainedRunFixture>
{
    private const int P = 7, K = 8, Depth = 2, Heads = 2;
    private string Url(string analysis, string query) => $"/api/runs/{run.RunId}/checkpoints/{run.CheckpointId}/{analysis}?{query}";

    private async Task<JsonElement> GetOk(string analysis, string query)
    {
        var response = await run.Http.GetAsync(Url(analysis, query));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body;
    }

    [Fact]
    public async Task The_correctness_grid_agrees_with_the_predict_endpoint()
    {
        var body = await GetOk("correctness", "a=3&b=5&shots=3&seed=4");
        var context = body.GetProperty("context").EnumerateArray().Select(e => e.EnumerateArray().Select(t => t.GetInt32()).ToArray()).ToArray();
        Assert.Equal(3, context.Length);
        Assert.All(context, e => Assert.Equal((3 * e[0] + 5 * e[1]) % P, e[2]));
        var grid = body.GetProperty("result");

        // The same p² sequences, context + [x y], through the predict endpoint: the last prediction is z.
        var sequences = Enumerable.Range(0, P * P).Select(i => context.SelectMany(e => e).Concat([i / P, i % P]).ToArray()).ToArray();
        var predicted = await (await run.Http.PostAsJsonAsync($"/api/runs/{run.RunId}/predict", new { checkpoint = run.CheckpointId, sequences }))
            .Content.ReadFromJsonAsync<JsonElement>();
        int right = 0;
        for (int i = 0; i < P * P; i++)
        {
            int expected = predicted.GetProperty("predictions")[i][3 * 3 + 1].GetInt32();
            Assert.Equal(expected, grid.GetProperty("prediction")[i / P][i % P].GetInt32());
            bool correct = expected == (3 * (i / P) + 5 * (i % P)) % P;
            Assert.Equal(correct, grid.GetProperty("correct")[i / P][i % P].GetBoolean());
            if (correct) right++;
        }
        Assert.Equal(right / (double)(P * P), grid.GetProperty("accuracy").GetDouble(), precision: 12);
        Assert.Equal(P, grid.GetProperty("ratioMatching").GetArrayLength());
        Assert.InRange(grid.GetProperty("contextRank").GetInt32(), 0, 2);
    }

    [Fact]
    public async Task Each_analysis_returns_its_shapes_for_the_run()
    {
        var attention = await GetOk("attention", "a=1&b=2&shots=2&x=3&y=4");
        var weights = attention.GetProperty("result").GetProperty("weights");
        Assert.Equal(Depth, weights.GetArrayLength());
        Assert.Equal(Heads, weights[0].GetArrayLength());
        Assert.Equal(3 * 2 + 2, weights[0][0].GetArrayLength());
        Assert.Equal(["x1", "y1", "z1", "x2", "y2", "z2", "x3", "y3"], attention.GetProperty("result").GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal([1, 2], attention.GetProperty("task").EnumerateArray().Select(t => t.GetInt32()));

        var neurons = await GetOk("neurons", "a=1&b=2&shots=2&layer=1&position=z&top=4");
        Assert.Equal("Z", neurons.GetProperty("result").GetProperty("position").GetString());
        Assert.Equal(4, neurons.GetProperty("result").GetProperty("neurons").GetArrayLength());
        Assert.Equal(P, neurons.GetProperty("result").GetProperty("neurons")[0].GetProperty("spectrum").GetArrayLength());

        var pca = await GetOk("pca", "a=1&b=2&shots=2&layer=0");
        Assert.Equal(Heads * 2, pca.GetProperty("result").GetProperty("heads").GetArrayLength());
        Assert.Equal(P * P, pca.GetProperty("result").GetProperty("heads")[0].GetProperty("pca").GetProperty("projections").GetArrayLength());
        Assert.Equal(P, pca.GetProperty("result").GetProperty("embeddings").GetProperty("projections").GetArrayLength());

        var shots = await GetOk("shots", "sequences=8");
        Assert.Equal(K, shots.GetProperty("result").GetProperty("ood").GetArrayLength());
        Assert.Equal("oodTest", shots.GetProperty("result").GetProperty("oodSet").GetString());
    }

    [Fact]
    public async Task A_typed_context_is_used_as_given_and_a_repeat_comes_from_the_cache()
    {
        var cache = run.Factory.Services.GetRequiredService<AnalysisCache>();
        var first = await GetOk("correctness", "a=2&b=3&shots=2&context=1,1,5;2,0,4");
        Assert.Equal([[1, 1, 5], [2, 0, 4]], first.GetProperty("context").EnumerateArray().Select(e => e.EnumerateArray().Select(t => t.GetInt32()).ToArray()));
        Assert.Equal(2, first.GetProperty("result").GetProperty("contextRank").GetInt32());
        Assert.Equal(1.0, first.GetProperty("result").GetProperty("modularRegressionCoverage").GetDouble());
        int cached = cache.Count;
        var again = await GetOk("correctness", "a=2&b=3&shots=2&context=1,1,5;2,0,4");
        Assert.Equal(cached, cache.Count);
        Assert.Equal(first.GetProperty("result").ToString(), again.GetProperty("result").ToString());
    }

    [Theory]
    [InlineData("correctness", "a=7&b=0", "a")]
    [InlineData("correctness", "b=1", "a")]
    [InlineData("correctness", "a=1&b=-1", "b")]
    [InlineData("correctness", "a=1&b=1&shots=8", "shots")]
    [InlineData("correctness", "a=1&b=1&shots=x", "shots")]
    [InlineData("correctness", "a=2&b=3&shots=2&context=1,1,6;2,0,4", "context[0]")]
    [InlineData("correctness", "a=2&b=3&shots=1&context=1,1,5;2,0,4", "context")]
    [InlineData("correctness", "a=2&b=3&shots=1&context=1,one,5", "context[0]")]
    [InlineData("attention", "a=1&b=1&x=7", "x")]
    [InlineData("neurons", "a=1&b=1&layer=2", "layer")]
    [InlineData("neurons", "a=1&b=1&position=w", "position")]
    [InlineData("neurons", "a=1&b=1&top=0", "top")]
    [InlineData("pca", "a=1&b=1&layer=-1", "layer")]
    [InlineData("shots", "sequences=5000", "sequences")]
    [InlineData("shots", "colour=red", "colour")]
    public async Task Bad_parameters_give_400_naming_the_parameter(string analysis, string query, string parameter)
    {
        var response = await run.Http.GetAsync(Url(analysis, query));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task Unknown_runs_and_checkpoints_give_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await run.Http.GetAsync($"/api/runs/9999/checkpoints/{run.CheckpointId}/correctness?a=1&b=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await run.Http.GetAsync($"/api/runs/{run.RunId}/checkpoints/9999/attention?a=1&b=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await run.Http.GetAsync($"/api/runs/{run.RunId}/checkpoints/9999/shots")).StatusCode);
    }
}
