using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModArith.Data;
using ModArith.Web.Series;

namespace ModArith.Web.Tests;

/// <summary>The per-step curves: logged every logEvery steps, stored packed, served downsampled or whole.</summary>
public sealed class SeriesApiTests : DashboardTest
{
    private readonly HttpClient http;

    public SeriesApiTests() => http = Factory.CreateClient();

    private static int[] Steps(JsonElement body, string key) =>
        body.GetProperty("series").GetProperty(key).GetProperty("steps").EnumerateArray().Select(s => s.GetInt32()).ToArray();

    private static double[] Values(JsonElement body, string key) =>
        body.GetProperty("series").GetProperty(key).GetProperty("values").EnumerateArray().Select(s => s.GetDouble()).ToArray();

    [Fact]
    public async Task A_run_logs_every_logEvery_steps_and_the_api_serves_them_downsampled_or_every_one()
    {
        var request = JsonSerializer.SerializeToNode(TinyRuns.Request("series", steps: 60, evalEvery: 30))!.AsObject();
        request["logEvery"] = 2;
        int id = (await http.CreateRunAsync(request)).GetProperty("id").GetInt32();
        await http.WaitForStatusAsync(id, TimeSpan.FromSeconds(120), "Completed");

        var all = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/series?maxPoints=0");
        Assert.Equal(30, all.GetProperty("stored").GetInt32());
        foreach (var key in SeriesKeys.All) Assert.Equal(Enumerable.Range(1, 30).Select(i => 2 * i), Steps(all, key));
        Assert.All(Values(all, "gradNorm"), v => Assert.True(v > 0));
        Assert.All(Values(all, "trainLoss"), v => Assert.InRange(v, 0.5, 5));

        // Downsampled: first and last kept, and the highest and lowest loss survive.
        var some = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/series?keys=trainLoss&maxPoints=10");
        var steps = Steps(some, "trainLoss");
        var values = Values(some, "trainLoss");
        Assert.Equal(["trainLoss"], some.GetProperty("series").EnumerateObject().Select(p => p.Name));
        Assert.True(steps.Length <= 10, $"{steps.Length} points");
        Assert.Equal(2, steps[0]);
        Assert.Equal(60, steps[^1]);
        Assert.Equal(Values(all, "trainLoss").Max(), values.Max());
        Assert.Equal(Values(all, "trainLoss").Min(), values.Min());

        // The export keeps every stored step.
        var csv = (await http.GetStringAsync($"/api/runs/{id}/series?format=csv")).Trim().Split('\n');
        Assert.Equal("step,trainLoss,learningRate,gradNorm", csv[0]);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (2 * i).ToString()), csv.Skip(1).Select(l => l.Split(',')[0]));

        // 30 points fit one packed row.
        using var scope = Factory.Services.CreateScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<ModArithDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.SeriesChunks.CountAsync(c => c.RunId == id));
    }

    [Theory]
    [InlineData("keys=loss", "keys")]
    [InlineData("keys=trainLoss,nope", "keys")]
    [InlineData("maxPoints=-1", "maxPoints")]
    [InlineData("maxPoints=2", "maxPoints")]
    [InlineData("maxPoints=lots", "maxPoints")]
    [InlineData("maxPoints=100001", "maxPoints")]
    [InlineData("format=xml", "format")]
    public async Task A_bad_parameter_gives_400_naming_it(string query, string field)
    {
        int id = (await http.CreateRunAsync(TinyRuns.Request("bad-series", steps: 10))).GetProperty("id").GetInt32();
        var response = await http.GetAsync($"/api/runs/{id}/series?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task An_unknown_run_has_no_series()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/runs/99999/series")).StatusCode);
    }
}
