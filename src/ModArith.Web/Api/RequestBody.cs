using ModArith.Core.Config;

namespace ModArith.Web.Api;

/// <summary>
/// Reads a JSON request body up to a fixed size, whatever server hosts the app (Kestrel also caps
/// bodies, but an in-process host need not), so one request cannot exhaust memory. Only a JSON
/// content type is read: a browser can send text/plain across sites without asking first, JSON not.
/// </summary>
public static class RequestBody
{
    public const int MaxBytes = 1 << 20;

    public static async Task<(System.Text.Json.Nodes.JsonNode? Json, IResult? Error)> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
            return (null, TypedResults.Problem($"Content-Type must be application/json; got '{request.ContentType}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The request body must be JSON."));
        if (request.ContentLength > MaxBytes) return (null, TooLarge());
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > MaxBytes) return (null, TooLarge());
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e)
        {
            // A chunked body past Kestrel's own limit, or a malformed one: answered, not logged as a crash.
            return (null, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge()
                : TypedResults.Problem(e.Message, statusCode: e.StatusCode, title: "The request body could not be read."));
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
