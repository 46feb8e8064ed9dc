using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using ModArith.Core.Config;
using Microsoft.EntityFrameworkCore;
using ModArith.Data;
using ModArith.Web.Api.OpenApi;
using ModArith.Web.Inference;
using static TorchSharp.torch;

namespace ModArith.Web.Api;

/// <summary>
/// POST /api/runs/{id}/predict: the model's argmax next-token prediction at every position of
/// each given sequence, so a script can check the model itself.
/// </summary>
public static class PredictEndpoint
{
    public const int MaxSequences = 1024;

    public sealed record PredictRequest(
        [property: Description("1 to 1024 token sequences, each 1 to 3k tokens in 0..p-1 (x1 y1 z1 x2 y2 z2 ...).")] int[][]? Sequences,
        [property: Description("A checkpoint id of this run (GET /api/runs/{id}/checkpoints); default: the last checkpoint.")] int? Checkpoint = null);

    /// <summary>The checkpoint used and, per sequence, the argmax next token after every position.</summary>
    public sealed record PredictResponse(PredictedCheckpoint Checkpoint, int[][] Predictions);

    public sealed record PredictedCheckpoint(int Id, int Step, string Kind);

    /// <summary>Web defaults, but strict: a token given as the string "1" is an error, not 1, and unknown keys are refused.</summary>
    private static readonly JsonSerializerOptions StrictOptions = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The rule a value broke, in the request's own words (the serializer's names .NET types).</summary>
    private static string WrongType(JsonException e) => e.Message switch
    {
        var m when m.Contains("could not be mapped", StringComparison.Ordinal) => "is not a key of this request; it takes checkpoint and sequences",
        var m when m.Contains("could not be converted to System.Int32[][]", StringComparison.Ordinal) => "must be a list of token lists, e.g. [[1, 2, 3]]",
        var m when m.Contains("could not be converted to System.Int32[]", StringComparison.Ordinal) => "must be a list of tokens, e.g. [1, 2, 3]",
        var m when m.Contains("could not be converted to System.", StringComparison.Ordinal) => "must be a whole number (a JSON number, not a string)",
        _ => StrictJson.Describe(e),
    };

    /// <summary>"$.sequences[0][1]" → "sequences[0][1]"; the whole body when the path is unknown.</summary>
    private static string FieldOf(JsonException e) => e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "(body)";

    public static IEndpointRouteBuilder MapPredictApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/runs/{id:int}/predict", Predict).WithTags("Runs")
            .WithMetadata(ParameterDoc.Path("id", "The run's id."))
            .WithMetadata(new JsonBodyDoc(typeof(PredictRequest), "The token sequences to run and, optionally, which checkpoint."))
            .Produces<PredictResponse>().ProducesValidationProblem().Produces(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("The model's predictions")
            .WithDescription("Runs the checkpoint's model on each sequence and returns its argmax next token at every position. "
                + "400 problem details name `checkpoint`, `sequences` or `sequences[i]`; 404 for an unknown run.");
        return app;
    }

    private static async Task<IResult> Predict(int id, HttpRequest http, IDbContextFactory<ModArithDbContext> dbf, CheckpointModels models, Runs.DataPaths paths, CancellationToken ct)
    {
        var (json, error) = await RequestBody.ReadJsonAsync(http, ct);
        if (error is not null) return error;
        PredictRequest? request;
        try { request = json.Deserialize<PredictRequest>(StrictOptions); }
        catch (JsonException e) { return Invalid(FieldOf(e), WrongType(e)); }

        await using var db = await dbf.CreateDbContextAsync(ct);
        if (!await db.Runs.AnyAsync(r => r.Id == id, ct)) return TypedResults.NotFound();
        var checkpoints = db.Checkpoints.AsNoTracking().Where(c => c.RunId == id);
        var checkpoint = request?.Checkpoint is int cid
            ? await checkpoints.FirstOrDefaultAsync(c => c.Id == cid, ct)
            : await checkpoints.Where(c => c.Kind == CheckpointKind.Last).FirstOrDefaultAsync(ct);
        if (checkpoint is null)
            return request?.Checkpoint is null ? Invalid("checkpoint", "the run has no checkpoint yet") : Invalid("checkpoint", $"run {id} has no checkpoint {request.Checkpoint}");
        var file = paths.Resolve(checkpoint.Path);
        if (!File.Exists(file)) return Invalid("checkpoint", "the checkpoint file is gone from disk");

        var sequences = request?.Sequences;
        if (sequences is null || sequences.Length == 0) return Invalid("sequences", "must be a non-empty array of token arrays");
        if (sequences.Length > MaxSequences) return Invalid("sequences", $"at most {MaxSequences} sequences per request");

        return models.With(file, (model, header) =>
        {
            int p = header.Config.P, maxLength = 3 * header.Config.ExamplesPerSequence;
            for (int i = 0; i < sequences.Length; i++)
            {
                var s = sequences[i];
                if (s is null || s.Length == 0 || s.Length > maxLength)
                    return Invalid($"sequences[{i}]", $"must hold 1 to {maxLength} tokens (3k for k = {header.Config.ExamplesPerSequence})");
                if (s.Any(t => t < 0 || t >= p))
                    return Invalid($"sequences[{i}]", $"tokens must be in 0..{p - 1}");
            }
            var predictions = new int[sequences.Length][];
            foreach (var group in sequences.Select((s, i) => (s, i)).GroupBy(x => x.s.Length))
            {
                var tokens = tensor(group.SelectMany(x => x.s.Select(t => (long)t)).ToArray()).view(group.Count(), group.Key);
                var argmax = model.call(tokens).argmax(-1).data<long>().ToArray();
                int row = 0;
                foreach (var (_, index) in group)
                    predictions[index] = argmax.Skip(row++ * group.Key).Take(group.Key).Select(v => (int)v).ToArray();
            }
            return TypedResults.Ok(new PredictResponse(new PredictedCheckpoint(checkpoint.Id, checkpoint.Step, checkpoint.Kind.ToString()), predictions));
        });
    }

    private static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is invalid.");
}
