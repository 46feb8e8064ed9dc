using System.Text.Json;
using System.Text.Json.Serialization;
using ModArith.Core.Config;
using Microsoft.EntityFrameworkCore;
using ModArith.Data;
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

    public sealed record PredictRequest(int? Checkpoint, int[][]? Sequences);

    /// <summary>Web defaults, but strict: a token given as the string "1" is an error, not 1, and unknown keys are refused.</summary>
    private static readonly JsonSerializerOptions StrictOptions = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>"$.sequences[0][1]" → "sequences[0][1]"; the whole body when the path is unknown.</summary>
    private static string FieldOf(JsonException e) => e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "(body)";

    public static IEndpointRouteBuilder MapPredictApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/runs/{id:int}/predict", Predict);
        return app;
    }

    private static async Task<IResult> Predict(int id, HttpRequest http, IDbContextFactory<ModArithDbContext> dbf, CheckpointModels models, CancellationToken ct)
    {
        var (json, error) = await RequestBody.ReadJsonAsync(http, ct);
        if (error is not null) return error;
        PredictRequest? request;
        try { request = json.Deserialize<PredictRequest>(StrictOptions); }
        catch (JsonException e) { return Invalid(FieldOf(e), StrictJson.Describe(e)); }

        await using var db = await dbf.CreateDbContextAsync(ct);
        if (!await db.Runs.AnyAsync(r => r.Id == id, ct)) return TypedResults.NotFound();
        var checkpoints = db.Checkpoints.AsNoTracking().Where(c => c.RunId == id);
        var checkpoint = request?.Checkpoint is int cid
            ? await checkpoints.FirstOrDefaultAsync(c => c.Id == cid, ct)
            : await checkpoints.Where(c => c.Kind == CheckpointKind.Last).FirstOrDefaultAsync(ct);
        if (checkpoint is null)
            return request?.Checkpoint is null ? Invalid("checkpoint", "the run has no checkpoint yet") : Invalid("checkpoint", $"run {id} has no checkpoint {request.Checkpoint}");
        if (!File.Exists(checkpoint.Path)) return Invalid("checkpoint", "the checkpoint file is gone from disk");

        var sequences = request?.Sequences;
        if (sequences is null || sequences.Length == 0) return Invalid("sequences", "must be a non-empty array of token arrays");
        if (sequences.Length > MaxSequences) return Invalid("sequences", $"at most {MaxSequences} sequences per request");

        return models.With(checkpoint.Path, (model, header) =>
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
            return TypedResults.Ok(new { checkpoint = new { checkpoint.Id, checkpoint.Step, Kind = checkpoint.Kind.ToString() }, predictions });
        });
    }

    private static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is invalid.");
}
