using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModArith.Web.Api;

/// <summary>
/// Reads a JSON request body up to a fixed size, whatever server hosts the app (Kestrel also caps
/// bodies, but an in-process host need not), so one request cannot exhaust memory.
/// </summary>
public static class RequestBody
{
    public const int MaxBytes = 1 << 20;

    public static async Task<(JsonNode? Json, IResult? Error)> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes) return (null, TooLarge());
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return (null, TooLarge());
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return (JsonNode.Parse(buffer.ToArray()), null);
        }
        catch (JsonException e)
        {
            return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["(body)"] = [$"malformed JSON: {e.Message}"] }, title: "The request is invalid."));
        }
    }

    private static IResult TooLarge() =>
        TypedResults.Problem($"The request body is larger than {MaxBytes / 1024} KiB.", statusCode: StatusCodes.Status413PayloadTooLarge);
}
