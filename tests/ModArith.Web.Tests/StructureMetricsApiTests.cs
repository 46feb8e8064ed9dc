using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModArith.Core.Analysis.Structure;
using ModArith.Core.Config;
using ModArith.Data;
using ModArith.Web.Runs.Structure;

namespace ModArith.Web.Tests;

/// <summary>The structure metrics of a dashboard run: measured while it trains, stored with each evaluation, served by the API.</summary>
public sealed class StructureMetricsApiTests : DashboardTest
{
    private static readonly string[] Scalars = ["idCopyFreeAccuracy", "oodCopyFreeAccuracy", "ratioMatchingAgreement", "modularRegressionAgreement", "embeddingTopFrequencyShare"];

    [Fact]
    public async Task A_run_stores_structure_at_every_evaluation_and_serves_it_as_json_and_csv_and_none_with_the_key_off()
    {
        var http = Factory.CreateClient();
        int on = (await http.CreateRunAsync(TinyRuns.Request("structure-on"))).GetProperty("id").GetInt32();
        var offRequest = JsonSerializer.SerializeToNode(TinyRuns.Request("structure-off"))!.AsObject();
        offRequest["structureMetrics"] = false;
        int off = (await http.CreateRunAsync(offRequest)).GetProperty("id").GetInt32();
        Assert.Equal("Completed", (await http.WaitForStatusAsync(on, TimeSpan.FromSeconds(120), "Completed", "Failed")).GetProperty("status").GetString());
        Assert.Equal("Completed", (await http.WaitForStatusAsync(off, TimeSpan.FromSeconds(120), "Completed", "Failed")).GetProperty("status").GetString());

        var run = await http.GetRunAsync(on);
        int depth = run.GetProperty("config").GetProperty("depth").GetInt32(), heads = run.GetProperty("config").GetProperty("heads").GetInt32();
        Assert.True(run.GetProperty("config").GetProperty("structureMetrics").GetBoolean());
        var metrics = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{on}/metrics");
        Assert.Equal(2, metrics.GetArrayLength());
        foreach (var point in metrics.EnumerateArray())
        {
            foreach (var key in Scalars) Assert.InRange(point.GetProperty(key).GetDouble(), 0, 1);
            var attention = point.GetProperty("attention").EnumerateArray().ToList();
            Assert.Equal(depth * heads, attention.Count);
            Assert.Equal(Enumerable.Range(0, depth).SelectMany(l => Enumerable.Range(0, heads).Select(h => $"{l}.{h}")),
                attention.Select(a => $"{a.GetProperty("layer").GetInt32()}.{a.GetProperty("head").GetInt32()}"));
            Assert.All(attention, a => Assert.InRange(a.GetProperty("zToOwnY").GetDouble(), 0, 1));
        }
        // The embedding is measured afresh at each evaluation (it moves as it trains).
        Assert.NotEqual(metrics[0].GetProperty("embeddingTopFrequencyShare").GetDouble(), metrics[1].GetProperty("embeddingTopFrequencyShare").GetDouble());

        var csv = (await http.GetStringAsync($"/api/runs/{on}/metrics?format=csv")).Trim().Split('\n');
        var header = csv[0].Split(',');
        Assert.Equal(Scalars, header[^5..]);
        var lastRow = csv[^1].Split(',');
        Assert.Equal(metrics[1].GetProperty("oodCopyFreeAccuracy").GetDouble(), double.Parse(lastRow[Array.IndexOf(header, "oodCopyFreeAccuracy")], CultureInfo.InvariantCulture));

        // Key off: the evaluations are there, the structure fields are null and the CSV cells empty.
        var plain = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{off}/metrics");
        Assert.Equal(2, plain.GetArrayLength());
        foreach (var point in plain.EnumerateArray())
        {
            Assert.True(point.GetProperty("oodTestAccuracy").GetDouble() >= 0);
            foreach (var key in Scalars.Append("attention")) Assert.Equal(JsonValueKind.Null, point.GetProperty(key).ValueKind);
        }
        var plainCsv = (await http.GetStringAsync($"/api/runs/{off}/metrics?format=csv")).Trim().Split('\n');
        Assert.EndsWith(",,,,,", plainCsv[^1]);
    }

    [Fact]
    public async Task The_store_round_trips_structure_and_a_point_from_before_structure_still_opens()
    {
        AttentionPattern[] patterns = [new(0, 0, 0.91, 0.01, 0.02, 0.03, 0.1, 0.8, 0.04, 0.03, 0.02), new(1, 1, 0.12345678, 0.2, 0.3, 0.1, 0.05, 0.05, 0.3, 0.3, 0.3)];
        int runId;
        await using (var db = await Factory.Services.GetRequiredService<IDbContextFactory<ModArithDbContext>>().CreateDbContextAsync())
        {
            var run = new Run { Name = "stored", ConfigJson = ConfigJson.Serialize(ConfigLoader.Load(null, ["preset=cpu-small", "steps=20"])), CreatedAt = DateTimeOffset.UtcNow, Status = RunStatus.Completed };
            db.Runs.Add(run);
            await db.SaveChangesAsync();
            runId = run.Id;
            // Step 10: as stored before structure metrics existed (no columns set); step 20: with them.
            db.MetricPoints.Add(new MetricPoint { RunId = runId, Step = 10, OodTestAccuracy = 0.3 });
            db.MetricPoints.Add(new MetricPoint
            {
                RunId = runId, Step = 20, OodTestAccuracy = 0.4,
                IdCopyFreeAccuracy = 0.625, OodCopyFreeAccuracy = 0.25, RatioMatchingAgreement = 0.75, ModularRegressionAgreement = 0.125, EmbeddingTopFrequencyShare = 0.5,
                AttentionJson = AttentionColumn.Encode(patterns),
            });
            await db.SaveChangesAsync();
        }

        var http = Factory.CreateClient();
        var metrics = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/metrics");
        var old = metrics[0];
        Assert.Equal(JsonValueKind.Null, old.GetProperty("oodCopyFreeAccuracy").ValueKind);
        Assert.Equal(JsonValueKind.Null, old.GetProperty("attention").ValueKind);
        var point = metrics[1];
        Assert.Equal((0.625, 0.25, 0.75, 0.125, 0.5), (point.GetProperty("idCopyFreeAccuracy").GetDouble(), point.GetProperty("oodCopyFreeAccuracy").GetDouble(),
            point.GetProperty("ratioMatchingAgreement").GetDouble(), point.GetProperty("modularRegressionAgreement").GetDouble(), point.GetProperty("embeddingTopFrequencyShare").GetDouble()));
        var attention = point.GetProperty("attention");
        Assert.Equal(2, attention.GetArrayLength());
        Assert.Equal((1, 1), (attention[1].GetProperty("layer").GetInt32(), attention[1].GetProperty("head").GetInt32()));
        Assert.Equal(0.1235, attention[1].GetProperty("yToOwnX").GetDouble()); // kept to 4 decimals
        Assert.Equal(0.8, attention[0].GetProperty("zToOwnY").GetDouble());
        Assert.Equal(0.02, attention[0].GetProperty("zToEarlierZ").GetDouble());

        // The run page opens for a run with points from before structure metrics.
        var page = await http.GetAsync($"/runs/{runId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
