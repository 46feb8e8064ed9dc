using ModArith.Core.Config;
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
        // Strict: a key given twice or a string that is not valid text is a 400 naming its place
        // here, not an exception later when the value is read.
        if (StrictJson.TryParse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), out var json, out var problem))
            return (json, null);
        return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { [problem!.Field] = [problem.Message] }, title: "The request is invalid."));
    }

    private static IResult TooLarge() =>
        TypedResults.Problem($"The request body is larger than {MaxBytes / 1024} KiB.", statusCode: StatusCodes.Status413PayloadTooLarge);
}
