using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ModArith.Web.Tests.OpenApi;

/// <summary>
/// The OpenAPI document cannot drift from the code: every /api endpoint the app maps must be
/// documented (summary, description, described parameters), and a walk over the real app sends
/// valid and invalid requests to every operation, validating each status and body against the
/// document and requiring every documented status of every operation to be seen.
/// </summary>
public sealed partial class OpenApiContractTests : DashboardTest
{
    private const int Unknown = 999_999;

    [Fact]
    public async Task Every_endpoint_is_documented_and_every_documented_response_is_what_the_app_answers()
    {
        var http = Factory.CreateClient();
        var contract = new ApiContract((await http.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!);

        AssertEveryMappedEndpointIsDocumented(contract);

        // Runs: one to train (read, predict, analyse), one to push through cancel and resume while the first holds the only slot.
        var runBody = JsonSerializer.Serialize(TinyRuns.Request("contract", steps: 60, evalEvery: 20), JsonSerializerOptions.Web);
        contract.ValidateRequestBody("POST", "/api/runs", runBody);
        var run = await contract.SendAsync(http, HttpMethod.Post, "/api/runs", runBody);
        Assert.Equal(201, run.Status);
        Assert.Equal($"/api/runs/{run.Json.GetProperty("id").GetInt32()}", run.Location?.OriginalString);
        int id = run.Json.GetProperty("id").GetInt32();
        int p = run.Json.GetProperty("config").GetProperty("p").GetInt32();
        int other = (await contract.SendAsync(http, HttpMethod.Post, "/api/runs", runBody)).Json.GetProperty("id").GetInt32();

        await ExpectInvalid(contract, http, HttpMethod.Post, "/api/runs", """{ "preset": "cpu-small", "steps": 0 }""", "steps");
        await ExpectInvalid(contract, http, HttpMethod.Post, "/api/runs", """{ "preset": "cpu-small", "stepz": 10 }""", "stepz");
        await ExpectInvalid(contract, http, HttpMethod.Post, "/api/runs", "{ \"steps\": ", "(body)");
        await ExpectConfigRangesEnforced(contract, http);
        await ExpectRefusedBodies(contract, http, "/api/runs");

        Assert.Equal(202, (await contract.SendAsync(http, HttpMethod.Post, $"/api/runs/{other}/cancel")).Status);
        await http.WaitForStatusAsync(other, TimeSpan.FromSeconds(30), "Cancelled");
        Assert.Equal(409, (await contract.SendAsync(http, HttpMethod.Post, $"/api/runs/{other}/cancel")).Status);
        Assert.Equal(202, (await contract.SendAsync(http, HttpMethod.Post, $"/api/runs/{other}/resume")).Status);
        Assert.Equal(409, (await contract.SendAsync(http, HttpMethod.Post, $"/api/runs/{other}/resume")).Status);
        Assert.Equal(202, (await contract.SendAsync(http, HttpMethod.Post, $"/api/runs/{other}/cancel")).Status);
        foreach (var action in new[] { "cancel", "resume" })
            Assert.Equal(404, (await contract.SendAsync(http, HttpMethod.Post, $"/api/runs/{Unknown}/{action}")).Status);

        await http.WaitForStatusAsync(id, TimeSpan.FromSeconds(120), "Completed");
        foreach (var path in new[] { "/api/presets", "/api/config-keys", "/api/runs", $"/api/runs/{id}", $"/api/runs/{id}/metrics", $"/api/runs/{id}/metrics?format=json",
                     $"/api/runs/{id}/metrics?format=csv", $"/api/runs/{id}/checkpoints", $"/api/runs/{id}/tasks", "/api/workers",
                     $"/api/runs/{id}/log", $"/api/runs/{id}/system" })
            Assert.Equal(200, (await contract.SendAsync(http, HttpMethod.Get, path)).Status);
        foreach (var path in new[] { $"/api/runs/{Unknown}", $"/api/runs/{Unknown}/metrics", $"/api/runs/{Unknown}/checkpoints", $"/api/runs/{Unknown}/tasks",
                     $"/api/runs/{Unknown}/log", $"/api/runs/{Unknown}/system" })
            Assert.Equal(404, (await contract.SendAsync(http, HttpMethod.Get, path)).Status);
        await ExpectInvalid(contract, http, HttpMethod.Get, $"/api/runs/{id}/metrics?format=xml", null, "format");

        // Per-step curves, and managing runs: change, refuse, delete.
        Assert.Equal(200, (await contract.SendAsync(http, HttpMethod.Get, $"/api/runs/{id}/series?keys=trainLoss&maxPoints=100")).Status);
        await ExpectInvalid(contract, http, HttpMethod.Get, $"/api/runs/{id}/series?keys=loss", null, "keys");
        Assert.Equal(404, (await contract.SendAsync(http, HttpMethod.Get, $"/api/runs/{Unknown}/series")).Status);
        Assert.Equal(200, (await contract.SendAsync(http, HttpMethod.Patch, $"/api/runs/{id}", """{ "notes": "walked", "tags": ["contract"], "archived": false }""")).Status);
        await ExpectInvalid(contract, http, HttpMethod.Patch, $"/api/runs/{id}", """{ "name": "" }""", "name");
        Assert.Equal(404, (await contract.SendAsync(http, HttpMethod.Patch, $"/api/runs/{Unknown}", """{ "notes": "x" }""")).Status);
        Assert.Equal(415, (await contract.SendAsync(http, HttpMethod.Patch, $"/api/runs/{id}", "{}", "text/plain")).Status);
        int queued = (await contract.SendAsync(http, HttpMethod.Post, "/api/runs", runBody)).Json.GetProperty("id").GetInt32();
        Assert.Equal(409, (await contract.SendAsync(http, HttpMethod.Delete, $"/api/runs/{queued}")).Status);
        await contract.SendAsync(http, HttpMethod.Post, $"/api/runs/{queued}/cancel");
        await http.WaitForStatusAsync(other, TimeSpan.FromSeconds(60), "Cancelled");
        Assert.Equal(204, (await contract.SendAsync(http, HttpMethod.Delete, $"/api/runs/{other}")).Status);
        Assert.Equal(404, (await contract.SendAsync(http, HttpMethod.Delete, $"/api/runs/{Unknown}")).Status);

        // Predict.
        var predictBody = JsonSerializer.Serialize(new { sequences = new[] { new[] { 1, 2, 3 % p, 0 } } });
        contract.ValidateRequestBody("POST", "/api/runs/{id}/predict", predictBody);
        Assert.Equal(200, (await contract.SendAsync(http, HttpMethod.Post, $"/api/runs/{id}/predict", predictBody)).Status);
        await ExpectInvalid(contract, http, HttpMethod.Post, $"/api/runs/{id}/predict", """{ "sequences": [] }""", "sequences");
        await ExpectInvalid(contract, http, HttpMethod.Post, $"/api/runs/{id}/predict", $$"""{ "sequences": [[{{p}}]] }""", "sequences[0]");
        Assert.Equal(404, (await contract.SendAsync(http, HttpMethod.Post, $"/api/runs/{Unknown}/predict", predictBody)).Status);
        await ExpectRefusedBodies(contract, http, $"/api/runs/{id}/predict");

        // Analyses: every documented query parameter probed at and beyond its documented range.
        int checkpoint = (await http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/checkpoints")).EnumerateArray().Last().GetProperty("id").GetInt32();
        foreach (var operation in contract.Operations.Keys.Where(k => k.Path.Contains("/checkpoints/{checkpointId}/", StringComparison.Ordinal)))
            await WalkAnalysis(contract, http, operation, id, checkpoint);

        // Sweeps.
        Assert.Equal(200, (await contract.SendAsync(http, HttpMethod.Get, "/api/sweep-presets")).Status);
        var sweepBody = JsonSerializer.Serialize(TinyRuns.Sweep("contract sweep", [4], [0.5, 0.8]), JsonSerializerOptions.Web);
        contract.ValidateRequestBody("POST", "/api/sweeps", sweepBody);
        var sweep = await contract.SendAsync(http, HttpMethod.Post, "/api/sweeps", sweepBody);
        Assert.Equal(201, sweep.Status);
        int sweepId = sweep.Json.GetProperty("id").GetInt32();
        Assert.Equal(202, (await contract.SendAsync(http, HttpMethod.Post, $"/api/sweeps/{sweepId}/cancel")).Status);
        await ExpectInvalid(contract, http, HttpMethod.Post, "/api/sweeps", """{ "name": "x", "base": { "preset": "cpu-small" }, "grid": {} }""", "grid");
        await ExpectRefusedBodies(contract, http, "/api/sweeps");
        foreach (var path in new[] { "/api/sweeps", $"/api/sweeps/{sweepId}" })
            Assert.Equal(200, (await contract.SendAsync(http, HttpMethod.Get, path)).Status);
        Assert.Equal(404, (await contract.SendAsync(http, HttpMethod.Get, $"/api/sweeps/{Unknown}")).Status);
        Assert.Equal(404, (await contract.SendAsync(http, HttpMethod.Post, $"/api/sweeps/{Unknown}/cancel")).Status);

        // Every documented status of every operation was seen (so none is stale or invented).
        var unseen = contract.Operations
            .SelectMany(o => o.Value["responses"]!.AsObject().Select(r => (o.Key, Status: r.Key)))
            .Where(x => !contract.Observed.TryGetValue(x.Key, out var seen) || !seen.Contains(x.Status))
            .Select(x => $"{x.Key.Method} {x.Key.Path} {x.Status}").ToList();
        Assert.True(unseen.Count == 0, "documented but never answered in the walk: " + string.Join(", ", unseen));
    }

    /// <summary>Each /api route the app maps is an operation of the document with a summary, a description and described parameters, and vice versa.</summary>
    private void AssertEveryMappedEndpointIsDocumented(ApiContract contract)
    {
        var mapped = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["(any)"]).Select(m => (Method: m, Path: NormalisedRoute(e.RoutePattern.RawText!))))
            .ToHashSet();
        var documented = contract.Operations.Keys.ToHashSet();
        Assert.True(mapped.SetEquals(documented),
            $"mapped but not documented: {string.Join(", ", mapped.Except(documented))}; documented but not mapped: {string.Join(", ", documented.Except(mapped))}");
        foreach (var (key, operation) in contract.Operations)
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)operation["summary"]), $"{key} has no summary");
            Assert.False(string.IsNullOrWhiteSpace((string?)operation["description"]), $"{key} has no description");
            foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
                Assert.False(string.IsNullOrWhiteSpace((string?)parameter!["description"]), $"{key} parameter {parameter["name"]} has no description");
            Assert.True(operation["responses"]!.AsObject().Any(r => r.Key.StartsWith('2')), $"{key} documents no success response");
        }
    }

    private static string NormalisedRoute(string raw) => "/" + RouteConstraint().Replace(raw.Trim('/'), "{$1}");

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    private static partial Regex RouteConstraint();

    /// <summary>Each config key's documented range: a value just outside is a 400 naming the key (the on-range side is checked against the engine in ConfigKeyRangeTests).</summary>
    private static async Task ExpectConfigRangesEnforced(ApiContract contract, HttpClient http)
    {
        var keys = contract.Operations[("POST", "/api/runs")]["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().Split('/').Last();
        var schema = contract.Document["components"]!["schemas"]![keys]!["properties"]!.AsObject();
        foreach (var (key, property) in schema)
        {
            bool integer = property!["type"] is JsonValue type && type.GetValue<string>() == "integer";
            double step = integer ? 1 : 1e-6;
            var outside = new List<double>();
            if (property["minimum"] is JsonNode min) outside.Add(min.GetValue<double>() - step);
            if (property["exclusiveMinimum"] is JsonNode xmin) outside.Add(xmin.GetValue<double>());
            if (property["maximum"] is JsonNode max) outside.Add(max.GetValue<double>() + step);
            if (property["exclusiveMaximum"] is JsonNode xmax) outside.Add(xmax.GetValue<double>());
            foreach (var value in outside)
                await ExpectInvalid(contract, http, HttpMethod.Post, "/api/runs",
                    $$"""{ "preset": "cpu-small", "{{key}}": {{value.ToString(CultureInfo.InvariantCulture)}} }""", key);
            if (property["enum"] is not null)
                await ExpectInvalid(contract, http, HttpMethod.Post, "/api/runs", $$"""{ "preset": "cpu-small", "{{key}}": "no-such-choice" }""", key);
        }
    }

    private static async Task WalkAnalysis(ApiContract contract, HttpClient http, (string Method, string Path) operation, int run, int checkpoint)
    {
        string path = operation.Path.Replace("{id}", $"{run}").Replace("{checkpointId}", $"{checkpoint}");
        var required = (contract.Operations[operation]["parameters"]?.AsArray() ?? []).Select(x => x!.AsObject())
            .Where(x => (string?)x["in"] == "query" && (bool?)x["required"] == true).Select(x => (string)x["name"]!).ToList();
        string Query(string? name = null, string? value = null) =>
            string.Join("&", required.Where(r => r != name).Select(r => $"{r}=1").Concat(name is null ? [] : [$"{name}={value}"]));

        Assert.Equal(200, (await contract.SendAsync(http, HttpMethod.Get, $"{path}?{Query()}")).Status);
        foreach (var name in required)
            await ExpectInvalid(contract, http, HttpMethod.Get, $"{path}?{Query(name, "")}", null, name);
        await ExpectInvalid(contract, http, HttpMethod.Get, $"{path}?{Query("nonsense", "1")}", null, "nonsense");
        Assert.Equal(404, (await contract.SendAsync(http, HttpMethod.Get, $"/api/runs/{run}/checkpoints/{Unknown}/{path.Split('/').Last()}?{Query()}")).Status);
        Assert.Equal(404, (await contract.SendAsync(http, HttpMethod.Get, $"/api/runs/{Unknown}/checkpoints/{checkpoint}/{path.Split('/').Last()}?{Query()}")).Status);

        foreach (var parameter in (contract.Operations[operation]["parameters"]?.AsArray() ?? []).Select(x => x!.AsObject()).Where(x => (string?)x["in"] == "query"))
        {
            string name = (string)parameter["name"]!;
            var schema = parameter["schema"]!;
            if (schema["minimum"] is JsonNode min)
            {
                int m = min.GetValue<int>();
                Assert.Equal(200, (await contract.SendAsync(http, HttpMethod.Get, $"{path}?{Query(name, $"{m}")}")).Status);
                await ExpectInvalid(contract, http, HttpMethod.Get, $"{path}?{Query(name, $"{m - 1}")}", null, name);
            }
            if (schema["maximum"] is JsonNode max)
            {
                int m = max.GetValue<int>();
                Assert.Equal(200, (await contract.SendAsync(http, HttpMethod.Get, $"{path}?{Query(name, $"{m}")}")).Status);
                await ExpectInvalid(contract, http, HttpMethod.Get, $"{path}?{Query(name, $"{m + 1}")}", null, name);
            }
            foreach (var choice in schema["enum"]?.AsArray() ?? [])
                Assert.Equal(200, (await contract.SendAsync(http, HttpMethod.Get, $"{path}?{Query(name, (string)choice!)}")).Status);
            if (schema["enum"] is not null)
                await ExpectInvalid(contract, http, HttpMethod.Get, $"{path}?{Query(name, "w")}", null, name);
            if ((string?)schema["type"] == "integer")
                await ExpectInvalid(contract, http, HttpMethod.Get, $"{path}?{Query(name, "1.5")}", null, name);
        }
    }

    /// <summary>A 400 whose problem details name the field.</summary>
    private static async Task ExpectInvalid(ApiContract contract, HttpClient http, HttpMethod method, string url, string? json, string field)
    {
        var answer = await contract.SendAsync(http, method, url, json);
        Assert.True(answer.Status == 400, $"{method} {url} {json} answered {answer.Status}, not 400: {answer.Text}");
        Assert.True(answer.Json.GetProperty("errors").TryGetProperty(field, out _), $"{method} {url} {json}: the errors do not name {field}: {answer.Text}");
    }

    /// <summary>A body over 1 MiB is a 413, and one not sent as JSON a 415, before anything is read.</summary>
    private static async Task ExpectRefusedBodies(ApiContract contract, HttpClient http, string url)
    {
        var json = "[" + new string(' ', 1 << 20) + "]";
        Assert.Equal(413, (await contract.SendAsync(http, HttpMethod.Post, url, json)).Status);
        Assert.Equal(415, (await contract.SendAsync(http, HttpMethod.Post, url, "{}", "text/plain")).Status);
    }
}
