using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ModArith.Web.Tests.EndToEnd;

/// <summary>
/// The attack of the hardening review, kept as a test: over a thousand generated malformed requests
/// against every endpoint of a real server process (duplicate keys, invalid escapes and bytes, deep
/// nesting, wrong types, huge numbers and lists, bad ids and query values). None may answer 5xx or
/// take over 5 s, and where a field is at fault the 400 must name it.
/// </summary>
public sealed class FuzzTests
{
    private sealed record Probe(HttpMethod Method, string Path, byte[]? Body = null, string? ContentType = "application/json", string? Field = null)
    {
        public override string ToString() => $"{Method} {Path} {(Body is null ? "" : Encoding.UTF8.GetString(Body.Take(120).ToArray()))}";
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
    private static byte[] Cat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
    private static Probe Post(string path, string body, string? field = null) => new(HttpMethod.Post, path, Utf8(body), Field: field);

    [Fact]
    public async Task A_thousand_malformed_requests_over_every_endpoint_get_no_5xx_no_slow_answer_and_named_fields()
    {
        await using var app = await DashboardProcess.StartAsync();
        var http = app.Http;
        int runId = (await http.CreateRunAsync(TinyRuns.Request("fuzz-target", steps: 20, evalEvery: 10))).GetProperty("id").GetInt32();
        await http.WaitForStatusAsync(runId, TimeSpan.FromSeconds(120), "Completed");
        var checkpoints = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/checkpoints");
        int checkpointId = checkpoints.EnumerateArray().First().GetProperty("id").GetInt32();
        var sweepResponse = await http.PostAsJsonAsync("/api/sweeps", TinyRuns.Sweep("fuzz-sweep", [4], [0.8]));
        int sweepId = (await sweepResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await http.PostAsync($"/api/sweeps/{sweepId}/cancel", null);
        var keys = (await http.GetFromJsonAsync<JsonElement>("/api/config-keys")).EnumerateArray()
            .Select(k => (Key: k.GetProperty("key").GetString()!, Type: k.GetProperty("type").GetString()!)).ToList();

        var probes = Generate(new Random(20261130), keys, runId, checkpointId, sweepId).ToList();
        Assert.True(probes.Count >= 1000, $"only {probes.Count} probes");

        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        using var gate = new SemaphoreSlim(4);
        var slowest = TimeSpan.Zero;
        await Task.WhenAll(probes.Select(async probe =>
        {
            await gate.WaitAsync();
            try
            {
                using var request = new HttpRequestMessage(probe.Method, probe.Path);
                if (probe.Body is not null)
                {
                    request.Content = new ByteArrayContent(probe.Body);
                    if (probe.ContentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", probe.ContentType);
                }
                var clock = Stopwatch.StartNew();
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                clock.Stop();
                lock (failures) if (clock.Elapsed > slowest) slowest = clock.Elapsed;
                int status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (status >= 500) failures.Add($"{status} for {probe}: {text[..Math.Min(300, text.Length)]}");
                if (clock.Elapsed > TimeSpan.FromSeconds(5)) failures.Add($"{clock.Elapsed.TotalSeconds:F1} s for {probe}");
                if (probe.Field is not null)
                {
                    if (status != 400) failures.Add($"{status} (wanted 400 naming {probe.Field}) for {probe}: {text[..Math.Min(300, text.Length)]}");
                    else if (!NamesField(text, probe.Field)) failures.Add($"400 without field {probe.Field} for {probe}: {text[..Math.Min(300, text.Length)]}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failures.Add($"{e.GetType().Name} for {probe}: {e.Message}");
            }
            finally { gate.Release(); }
        }));

        Assert.True(failures.IsEmpty, $"{failures.Count} of {probes.Count} probes failed (slowest {slowest.TotalSeconds:F2} s):\n" + string.Join("\n", failures.Take(40)));
        Assert.Equal(1, (await http.GetFromJsonAsync<JsonElement>("/api/runs")).EnumerateArray().Count(r => r.GetProperty("sweepId").ValueKind == JsonValueKind.Null));
        Assert.True(statuses.Keys.All(s => s < 500));
    }

    /// <summary>Whether a problem-details body has an error for <paramref name="field"/> (or an element of it, e.g. "context[2]").</summary>
    private static bool NamesField(string body, string field)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (!doc.RootElement.TryGetProperty("errors", out var errors)) return false;
            return errors.EnumerateObject().Any(e => e.Name == field || e.Name.StartsWith(field + "[", StringComparison.Ordinal) || e.Name.StartsWith(field + ".", StringComparison.Ordinal));
        }
        catch (JsonException) { return false; }
    }

    private static IEnumerable<Probe> Generate(Random random, List<(string Key, string Type)> keys, int runId, int checkpointId, int sweepId)
    {
        const string runs = "/api/runs";
        // Values of the wrong JSON kind for a key of each type: each must be refused naming that key.
        string[] WrongFor(string type) => type switch
        {
            "integer" => ["\"12\"", "[]", "{}", "true", "1.5", "1e400", "-99999999999999999999", "[1,2]", "\"\"", "{\"a\":1}"],
            "number" => ["\"0.5\"", "[]", "{}", "true", "[0.5]", "\"NaN\"", "{\"v\":1}", "false"],
            "boolean" => ["\"true\"", "1", "0", "[]", "{}", "[true]", "\"yes\"", "null"],
            _ => ["[]", "{}", "true", "12", "[\"cpu-small\"]", "{\"x\":\"y\"}"],
        };
        foreach (var (key, type) in keys)
        {
            if (key == "preset") continue; // base of every probe below
            foreach (var wrong in WrongFor(type))
            {
                yield return Post(runs, $"{{\"preset\":\"cpu-small\",\"steps\":10,\"{key}\":{wrong}}}", key);
                yield return Post("/api/sweeps", $"{{\"name\":\"s\",\"base\":{{\"preset\":\"cpu-small\",\"steps\":10,\"{key}\":{wrong}}},\"grid\":{{\"seed\":[1]}}}}", $"base.{key}");
            }
            // A key given twice, with the same or another value.
            yield return Post(runs, $"{{\"preset\":\"cpu-small\",\"{key}\":1,\"steps\":10,\"{key}\":2}}", key);
            yield return Post("/api/sweeps", $"{{\"name\":\"s\",\"base\":{{\"preset\":\"cpu-small\",\"{key}\":1,\"{key}\":1}},\"grid\":{{\"seed\":[1]}}}}", $"base.{key}");
        }

        // Duplicates anywhere in a sweep, and in a run's name.
        yield return Post(runs, "{\"preset\":\"cpu-small\",\"steps\":-1,\"steps\":-2}", "steps");
        yield return Post(runs, "{\"preset\":\"cpu-small\",\"name\":\"a\",\"name\":\"b\"}", "name");
        yield return Post("/api/sweeps", "{\"name\":\"a\",\"name\":\"b\",\"base\":{},\"grid\":{}}", "name");
        yield return Post("/api/sweeps", "{\"name\":\"a\",\"base\":{\"preset\":\"cpu-small\"},\"grid\":{\"seed\":[1],\"seed\":[2]}}", "grid.seed");
        foreach (var g in new[] { "numTasks", "alpha", "depth", "seed" })
        {
            yield return Post("/api/sweeps", $"{{\"name\":\"a\",\"base\":{{\"preset\":\"cpu-small\"}},\"grid\":{{\"{g}\":\"3\"}}}}", $"grid.{g}");
            yield return Post("/api/sweeps", $"{{\"name\":\"a\",\"base\":{{\"preset\":\"cpu-small\"}},\"grid\":{{\"{g}\":[\"x\"]}}}}", $"grid.{g}");
            yield return Post("/api/sweeps", $"{{\"name\":\"a\",\"base\":{{\"preset\":\"cpu-small\"}},\"grid\":{{\"{g}\":[null,{{}},[]]}}}}", $"grid.{g}");
            yield return Post("/api/sweeps", $"{{\"name\":\"a\",\"base\":{{\"preset\":\"cpu-small\"}},\"grid\":{{\"{g}\":[1e400]}}}}", $"grid.{g}");
            // A list far past the run cap: refused at the list, quickly.
            yield return Post("/api/sweeps", $"{{\"name\":\"a\",\"base\":{{\"preset\":\"cpu-small\"}},\"grid\":{{\"{g}\":[{string.Join(',', Enumerable.Range(0, 120_000))}]}}}}", $"grid.{g}");
            yield return Post("/api/sweeps", $"{{\"name\":\"a\",\"base\":{{\"preset\":\"cpu-small\"}},\"grid\":{{\"{g}\":[{string.Join(',', Enumerable.Repeat(1, 150_000))}]}}}}", $"grid.{g}");
        }

        // Strings that are not text, in values and in keys.
        string[] badStrings = ["\\ud800", "\\udc00", "a\\ud800b", "\\ud800\\ud800", "\\udbff"];
        foreach (var bad in badStrings)
        {
            yield return Post(runs, $"{{\"preset\":\"cpu-small\",\"name\":\"{bad}\"}}", "name");
            yield return Post(runs, $"{{\"preset\":\"{bad}\"}}", "preset");
            yield return Post(runs, $"{{\"preset\":\"cpu-small\",\"{bad}\":1}}", "(body)");
            yield return Post("/api/sweeps", $"{{\"name\":\"{bad}\",\"base\":{{}},\"grid\":{{}}}}", "name");
            yield return Post("/api/sweeps", $"{{\"name\":\"s\",\"description\":\"{bad}\",\"base\":{{}},\"grid\":{{}}}}", "description");
            yield return Post($"{runs}/{runId}/predict", $"{{\"{bad}\":[[1]]}}", "(body)");
        }
        byte[][] badBytes = [[0xff, 0xfe], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80]];
        foreach (var bytes in badBytes)
        {
            yield return new Probe(HttpMethod.Post, runs, Cat(Utf8("{\"preset\":\"cpu-small\",\"name\":\"a"), bytes, Utf8("\"}")), Field: "name");
            yield return new Probe(HttpMethod.Post, runs, Cat(Utf8("{\"preset\":\"cpu-small\",\""), bytes, Utf8("\":1}")), Field: "(body)");
            yield return new Probe(HttpMethod.Post, "/api/sweeps", Cat(Utf8("{\"name\":\""), bytes, Utf8("\",\"base\":{},\"grid\":{}}")), Field: "name");
        }

        // Broken documents, bad roots, deep nesting, every JSON endpoint.
        string[] broken = ["", "{", "}", "[", "{\"a\":}", "{\"a\" 1}", "{'a':1}", "{\"a\":1,}", "nul", "\"\\x41\"", "\"\\u12\"", "{\"a\":\"\\u00\"}",
            "[]", "1", "\"x\"", "null", "true", "{\"a\":1}{}", "\u00ef\u00bb\u00bf{}", "{\"preset\":\"cpu-small\"} trailing", "/* c */ {}"];
        string[] jsonEndpoints = [runs, "/api/sweeps", $"{runs}/{runId}/predict"];
        foreach (var endpoint in jsonEndpoints)
        {
            foreach (var b in broken) yield return Post(endpoint, b);
            foreach (var depth in new[] { 63, 65, 200, 5000, 100_000 })
            {
                yield return Post(endpoint, new string('[', depth) + new string(']', depth));
                yield return Post(endpoint, string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));
            }
            foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", null })
                yield return new Probe(HttpMethod.Post, endpoint, Utf8("{\"preset\":\"cpu-small\",\"steps\":10}"), type);
            // Random bytes and random JSON-ish token soup.
            for (int i = 0; i < 25; i++)
            {
                var bytes = new byte[random.Next(1, 400)];
                random.NextBytes(bytes);
                yield return new Probe(HttpMethod.Post, endpoint, bytes);
                string[] tokens = ["{", "}", "[", "]", ",", ":", "\"a\"", "\"steps\"", "1", "-0", "1e999", "null", "\"\\ud800\"", "true", "\"grid\"", "\"base\""];
                yield return Post(endpoint, string.Concat(Enumerable.Range(0, random.Next(1, 60)).Select(_ => tokens[random.Next(tokens.Length)])));
            }
        }

        // Predict: tokens of the wrong type or range, numbers as strings, unknown keys.
        string predict = $"{runs}/{runId}/predict";
        yield return Post(predict, "{\"sequences\":[[\"1\"]]}", "sequences");
        yield return Post(predict, "{\"checkpoint\":\"1\",\"sequences\":[[1]]}", "checkpoint");
        yield return Post(predict, "{\"sequences\":[[1.5]]}", "sequences");
        yield return Post(predict, "{\"sequences\":[[99999999999]]}", "sequences");
        yield return Post(predict, "{\"sequences\":[[-1]]}", "sequences");
        yield return Post(predict, "{\"sequences\":[[100]]}", "sequences");
        yield return Post(predict, "{\"sequences\":[[]]}", "sequences");
        yield return Post(predict, "{\"sequences\":[null]}", "sequences");
        yield return Post(predict, "{\"sequences\":{}}", "sequences");
        yield return Post(predict, "{\"sequences\":[" + string.Join(',', Enumerable.Repeat("[1]", 2000)) + "]}", "sequences");
        yield return Post(predict, "{\"sequences\":[[" + string.Join(',', Enumerable.Repeat("1", 5000)) + "]]}", "sequences");
        yield return Post(predict, "{\"checkpoint\":2147483647,\"sequences\":[[1]]}", "checkpoint");
        yield return Post(predict, "{\"checkpoint\":-1,\"sequences\":[[1]]}", "checkpoint");

        // Ids that are not ids, on every route that takes one.
        string[] badIds = ["-1", "0", "2147483647", "2147483648", "99999999999999999999", "abc", "1.5", "%00", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "1e3", " 1", "0x10"];
        string[] getRoutes = ["/api/runs/{0}", "/api/runs/{0}/metrics", "/api/runs/{0}/metrics?format=csv", "/api/runs/{0}/checkpoints", "/api/runs/{0}/tasks",
            "/api/runs/{0}/series", "/api/runs/{0}/log", "/api/runs/{0}/system",
            "/api/sweeps/{0}", $"/api/runs/{{0}}/checkpoints/{checkpointId}/attention?a=1&b=1", $"/api/runs/{runId}/checkpoints/{{0}}/correctness?a=1&b=1"];
        string[] postRoutes = ["/api/runs/{0}/cancel", "/api/runs/{0}/resume", "/api/sweeps/{0}/cancel"];
        foreach (var id in badIds)
        {
            foreach (var route in getRoutes) yield return new Probe(HttpMethod.Get, string.Format(route, id));
            foreach (var route in postRoutes) yield return new Probe(HttpMethod.Post, string.Format(route, id), null, null);
            yield return Post(string.Format("/api/runs/{0}/predict", id), "{\"sequences\":[[1]]}");
        }
        yield return new Probe(HttpMethod.Post, $"{runs}/{runId}/resume", null, null); // a completed run: 409, not 500
        yield return new Probe(HttpMethod.Post, $"{runs}/{runId}/cancel", null, null);
        yield return new Probe(HttpMethod.Get, $"{runs}/{runId}/metrics?format=xml", Field: "format");
        yield return new Probe(HttpMethod.Get, $"{runs}/{runId}/metrics?format=", Field: null);

        // Analysis query values: out of range, not numbers, huge, unknown, malformed contexts.
        string[] analyses = ["attention", "neurons", "pca", "correctness", "shots"];
        var queries = new (string Query, string? Field)[]
        {
            ("a=-1&b=1", "a"), ("a=7&b=1", "a"), ("a=x&b=1", "a"), ("a=99999999999&b=1", "a"), ("a=1&b=", "b"), ("a=1", "b"),
            ("a=1&b=1&shots=-1", "shots"), ("a=1&b=1&shots=100000", "shots"), ("a=1&b=1&shots=1.5", "shots"),
            ("a=1&b=1&seed=99999999999", "seed"), ("a=1&b=1&seed=-5", null), ("a=1&b=1&layer=-1", "layer"), ("a=1&b=1&layer=99", "layer"),
            ("a=1&b=1&position=q", "position"), ("a=1&b=1&top=0", "top"), ("a=1&b=1&top=65", "top"), ("a=1&b=1&top=abc", "top"),
            ("a=1&b=1&sequences=0", "sequences"), ("a=1&b=1&sequences=2000", "sequences"), ("a=1&b=1&x=99&y=1", "x"), ("a=1&b=1&x=1&y=-1", "y"),
            ("a=1&b=1&nope=1", "nope"), ("a=1&b=1&shots=2&context=1,2", "context"), ("a=1&b=1&shots=2&context=;;;", "context"),
            ("a=1&b=1&shots=2&context=a,b,c;d,e,f", "context"), ("a=1&b=1&shots=1&context=1,2,4", "context"), ("a=1&b=1&shots=2&context=1,1,2;1,1,2;1,1,2", "context"),
            ("a=1&b=1&shots=2&context=99999999999,1,1;1,1,2", "context"), ("a=1&b=1&shots=2&context=-1,1,0;1,1,2", "context"),
            ("a=1&b=1&context=" + string.Join(';', Enumerable.Repeat("1,1,2", 300)), "context"), ("a=%00&b=1", "a"), ("a=1&a=2&b=1", "a"),
        };
        foreach (var analysis in analyses)
            foreach (var (query, field) in queries)
            {
                bool applies = field is null or "a" or "b" or "shots" or "seed" or "nope" or "context"
                    || (field is "layer" && analysis is "neurons" or "pca") || (field is "position" or "top" && analysis == "neurons")
                    || (field is "sequences" && analysis == "shots") || (field is "x" or "y" && analysis == "attention");
                yield return new Probe(HttpMethod.Get, $"{runs}/{runId}/checkpoints/{checkpointId}/{analysis}?{query}", Field: applies && analysis != "shots" ? field : null);
            }
    }

    [Fact]
    public async Task A_chunked_body_past_the_limit_is_a_413_on_every_json_endpoint()
    {
        await using var app = await DashboardProcess.StartAsync();
        foreach (var path in new[] { "/api/runs", "/api/sweeps", "/api/runs/1/predict" })
        {
            // No Content-Length: the size is known only while reading, where Kestrel's own cap also trips.
            var body = new PushStreamContent(2 << 20);
            body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
            request.Headers.TransferEncodingChunked = true;
            using var response = await app.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }
    }

    /// <summary>A body of <c>[0,0,0,...</c> streamed in chunks, with no length announced.</summary>
    private sealed class PushStreamContent(int bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var chunk = Utf8("0," + new string(' ', 8190));
            await stream.WriteAsync(Utf8("["));
            for (int sent = 0; sent < bytes; sent += chunk.Length)
            {
                try { await stream.WriteAsync(chunk); }
                catch (IOException) { return; } // the server answered and closed: what is being tested
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
