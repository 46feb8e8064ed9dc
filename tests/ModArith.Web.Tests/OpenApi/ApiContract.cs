using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace ModArith.Web.Tests.OpenApi;

/// <summary>
/// The served OpenAPI document as a contract: sends real requests, checks that each response's
/// status is documented for its operation and that its body validates (JsonSchema.Net, JSON Schema
/// 2020-12, as OpenAPI 3.1 uses) against the documented schema, and records which statuses of which
/// operations were seen.
/// </summary>
public sealed class ApiContract
{
    private static int schemaCount;
    private readonly JsonObject definitions;
    private readonly Dictionary<string, JsonSchema> schemas = [];

    public ApiContract(JsonObject document)
    {
        Document = document;
        definitions = (JsonObject)RewriteReferences(document["components"]?["schemas"] ?? new JsonObject());
        Operations = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(m => (Key: (m.Key.ToUpperInvariant(), p.Key), Op: m.Value!.AsObject())))
            .ToDictionary(x => x.Key, x => x.Op);
    }

    public JsonObject Document { get; }

    /// <summary>(method, path template) → operation, for every documented operation.</summary>
    public IReadOnlyDictionary<(string Method, string Path), JsonObject> Operations { get; }

    /// <summary>Statuses seen per operation during the walk.</summary>
    public Dictionary<(string Method, string Path), HashSet<string>> Observed { get; } = [];

    public (string Method, string Path) Match(string method, string path)
    {
        var matches = Operations.Keys.Where(k => k.Method == method && Regex.IsMatch(path, "^" + Regex.Replace(Regex.Escape(k.Path), @"\\\{[^}]+}", "[^/]+") + "$")).ToList();
        Assert.True(matches.Count == 1, $"{method} {path} matches {matches.Count} documented operations");
        return matches[0];
    }

    /// <summary>Sends the request; fails unless the status and body are what the document says.</summary>
    public async Task<Answer> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        var key = Match(request.Method.Method, request.RequestUri!.IsAbsoluteUri ? request.RequestUri.AbsolutePath : request.RequestUri.OriginalString.Split('?')[0]);
        var operation = Operations[key];
        using var response = await http.SendAsync(request);
        string status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string text = await response.Content.ReadAsStringAsync();
        string where = $"{key.Method} {key.Path} answered {status} to {request.RequestUri}";
        var documented = operation["responses"]?[status];
        Assert.True(documented is not null, $"{where}, which the document does not declare; body: {Shorten(text)}");
        var content = documented!["content"]?.AsObject();
        if (content is null || content.Count == 0)
            Assert.True(text.Length == 0, $"{where} with a body the document does not declare: {Shorten(text)}");
        else
        {
            string? mediaType = response.Content.Headers.ContentType?.MediaType;
            Assert.True(mediaType is not null && content.ContainsKey(mediaType), $"{where} as {mediaType}; documented: {string.Join(", ", content.Select(c => c.Key))}");
            if (mediaType!.EndsWith("json", StringComparison.Ordinal))
                Validate(content[mediaType]!["schema"]!, JsonDocument.Parse(text).RootElement, where);
            else
                Assert.False(string.IsNullOrEmpty(text), $"{where} with an empty {mediaType} body");
        }
        if (!Observed.TryGetValue(key, out var seen)) Observed[key] = seen = [];
        seen.Add(status);
        return new Answer((int)response.StatusCode, text, response.Headers.Location);
    }

    public Task<Answer> SendAsync(HttpClient http, HttpMethod method, string url, string? json = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, url);
        if (json is not null) request.Content = new StringContent(json, new MediaTypeHeaderValue(contentType));
        return SendAsync(http, request);
    }

    /// <summary>A body the server accepts must validate against the operation's documented request schema.</summary>
    public void ValidateRequestBody(string method, string path, string json)
    {
        var operation = Operations[(method, path)];
        var schema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
        Assert.True(schema is not null, $"{method} {path} documents no JSON request body");
        Validate(schema!, JsonDocument.Parse(json).RootElement, $"the request body of {method} {path}");
    }

    /// <summary>A documented parameter of an operation (path or query), or null.</summary>
    public JsonObject? Parameter((string Method, string Path) operation, string name) =>
        Operations[operation]["parameters"]?.AsArray().Select(p => p!.AsObject()).FirstOrDefault(p => (string?)p["name"] == name);

    private void Validate(JsonNode schemaNode, JsonElement instance, string where)
    {
        string text = schemaNode.ToJsonString();
        if (!schemas.TryGetValue(text, out var schema))
        {
            var root = (JsonObject)RewriteReferences(schemaNode);
            root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            root["$defs"] = definitions.DeepClone();
            schema = JsonSchema.FromText(root.ToJsonString(), baseUri: new Uri($"https://modarith.test/openapi/{Interlocked.Increment(ref schemaCount)}"));
            schemas[text] = schema;
        }
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return;
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value} ({d.SchemaLocation})")).Take(10);
        Assert.Fail($"{where}: the body does not match the documented schema:\n{string.Join("\n", errors)}\nbody: {Shorten(instance.GetRawText())}");
    }

    /// <summary>OpenAPI points into #/components/schemas; the standalone schema carries them as $defs.</summary>
    private static JsonNode RewriteReferences(JsonNode node)
    {
        var copy = node.DeepClone();
        Visit(copy);
        return copy;

        static void Visit(JsonNode? n)
        {
            if (n is JsonObject o)
            {
                if (o["$ref"] is JsonValue r && r.GetValue<string>() is var s && s.StartsWith("#/components/schemas/", StringComparison.Ordinal))
                    o["$ref"] = "#/$defs/" + s["#/components/schemas/".Length..];
                foreach (var (_, child) in o.ToList()) Visit(child);
            }
            else if (n is JsonArray a) foreach (var child in a) Visit(child);
        }
    }

    private static string Shorten(string text) => text.Length > 600 ? text[..600] + "…" : text;

    public sealed record Answer(int Status, string Text, Uri? Location)
    {
        public JsonElement Json => JsonDocument.Parse(Text).RootElement;
    }
}
