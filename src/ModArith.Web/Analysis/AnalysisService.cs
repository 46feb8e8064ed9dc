using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ModArith.Core.Analysis;
using ModArith.Core.Config;
using ModArith.Core.Model;
using ModArith.Core.Tasks;
using ModArith.Data;
using ModArith.Web.Api;
using ModArith.Web.Inference;
using CheckpointFile = ModArith.Core.Training.Checkpoint;

namespace ModArith.Web.Analysis;

/// <summary>
/// The interpretability analyses of a run's checkpoint, for the API and the page alike: resolves the
/// checkpoint, validates the parameters against its config (every problem named), builds the
/// context, and computes on the shared inference model off the caller's thread, caching results.
/// Parameters read: attention a, b, shots, seed|context, x, y; neurons a, b, shots, seed|context,
/// layer, position, top; pca a, b, shots, seed|context, layer; correctness a, b, shots,
/// seed|context; shots sequences.
/// </summary>
public sealed class AnalysisService(IDbContextFactory<ModArithDbContext> dbFactory, CheckpointModels models, AnalysisCache cache, Runs.DataPaths paths)
{
    public const int MaxTop = 64;
    public const int MaxSequences = 1024;
    public const int DefaultTop = 16;
    /// <summary>64 sequences per set: at 16 one unlucky batch could read 0% at a shot count the run solves (the cost scales with it).</summary>
    public const int DefaultSequences = 64;

    public Task<AnalysisOutcome<AttentionMaps>> AttentionAsync(int runId, int checkpointId, AnalysisRequest r, CancellationToken ct = default) =>
        RunAsync<AttentionMaps>(runId, checkpointId, "attention", r, withContext: true, (s, errors) =>
        {
            int x = r.X ?? 1 % s.P, y = r.Y ?? 2 % s.P;
            Token(errors, "x", x, s.P);
            Token(errors, "y", y, s.P);
            return ($"{x},{y}", (model, c) => AttentionAnalysis.Compute(model, c.Context!, x, y));
        }, ct);

    public Task<AnalysisOutcome<NeuronMaps>> NeuronsAsync(int runId, int checkpointId, AnalysisRequest r, CancellationToken ct = default) =>
        RunAsync<NeuronMaps>(runId, checkpointId, "neurons", r, withContext: true, (s, errors) =>
        {
            int layer = Layer(errors, r.Layer, s.Config);
            var position = Position(errors, r.Position);
            int top = r.Top ?? DefaultTop;
            if (top < 1 || top > MaxTop) errors.Add(new ParameterError("top", $"must be in 1..{MaxTop}; got {top}"));
            return ($"{layer},{position},{top}", (model, c) => NeuronAnalysis.Compute(model, c.Context!, layer, position, top));
        }, ct);

    public Task<AnalysisOutcome<PcaMaps>> PcaAsync(int runId, int checkpointId, AnalysisRequest r, CancellationToken ct = default) =>
        RunAsync<PcaMaps>(runId, checkpointId, "pca", r, withContext: true, (s, errors) =>
        {
            int layer = Layer(errors, r.Layer, s.Config);
            return ($"{layer}", (model, c) => PcaAnalysis.Compute(model, c.Context!, layer));
        }, ct);

    public Task<AnalysisOutcome<CorrectnessMap>> CorrectnessAsync(int runId, int checkpointId, AnalysisRequest r, CancellationToken ct = default) =>
        RunAsync<CorrectnessMap>(runId, checkpointId, "correctness", r, withContext: true, (_, _) => ("", (model, c) => CorrectnessAnalysis.Compute(model, c.Context!)), ct);

    public Task<AnalysisOutcome<ShotCurves>> ShotsAsync(int runId, int checkpointId, AnalysisRequest r, CancellationToken ct = default) =>
        RunAsync<ShotCurves>(runId, checkpointId, "shots", r, withContext: false, (s, errors) =>
        {
            int sequences = r.Sequences ?? DefaultSequences;
            if (sequences < 1 || sequences > MaxSequences) errors.Add(new ParameterError("sequences", $"must be in 1..{MaxSequences}; got {sequences}"));
            return ($"{sequences}", (model, c) => ShotAnalysis.Compute(model, c.Config, sequences));
        }, ct);

    /// <summary>What an analysis is computed on, after validation.</summary>
    private sealed record Setup(RunConfig Config, AnalysisContext? Context)
    {
        public int P => Config.P;
    }

    private delegate (string Key, Func<Gpt, Setup, T> Compute) Specific<T>(Setup setup, List<ParameterError> errors);

    private async Task<AnalysisOutcome<T>> RunAsync<T>(int runId, int checkpointId, string kind, AnalysisRequest r, bool withContext, Specific<T> specific, CancellationToken ct)
    {
        CheckpointRecord? checkpoint;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (!await db.Runs.AnyAsync(x => x.Id == runId, ct)) return AnalysisOutcome<T>.Missing($"run {runId}");
            checkpoint = await db.Checkpoints.AsNoTracking().FirstOrDefaultAsync(c => c.Id == checkpointId && c.RunId == runId, ct);
        }
        // Stored relative to the data directory: on a cluster, any front-end finds it on the shared directory.
        if (checkpoint is null) return AnalysisOutcome<T>.Missing($"checkpoint {checkpointId} of run {runId}");
        var file = paths.Resolve(checkpoint.Path);
        if (!File.Exists(file)) return AnalysisOutcome<T>.Missing($"checkpoint {checkpointId} of run {runId}");

        var config = CheckpointFile.ReadHeader(file).Config;
        var errors = new List<ParameterError>();
        AnalysisContext? context = null;
        bool? inDistribution = null;
        if (withContext)
        {
            (context, inDistribution) = BuildContext(r, config, errors);
        }
        var setup = new Setup(config, context);
        var (key, compute) = specific(setup, errors);
        if (errors.Count > 0) return AnalysisOutcome<T>.Invalid(errors);

        var contextKey = context is null ? "" : string.Join(",", context.Tokens());
        var cacheKey = $"{kind}|{file}@{File.GetLastWriteTimeUtc(file).Ticks}|{context?.Task}|{contextKey}|{key}";
        if (!cache.TryGet<T>(cacheKey, out var result))
        {
            // Off the caller's thread (a Blazor circuit or a request): the model lock serialises inference.
            result = await Task.Run(() => models.With(file, (model, _) => compute(model, setup)), ct);
            cache.Add(cacheKey, result!);
        }
        return AnalysisOutcome<T>.Ok(new AnalysisResponse<T>(
            new CheckpointDto(checkpoint.Id, checkpoint.Step, checkpoint.Kind.ToString(), checkpoint.CreatedAt), config.P,
            context is null ? null : [context.Task.A, context.Task.B], inDistribution, context?.Shots,
            context?.Examples.Select(e => new[] { e.X, e.Y, e.Z }).ToArray(), result));
    }

    /// <summary>The task and its context: typed in (checked against the task) or random from the seed over the run's train pairs.</summary>
    private static (AnalysisContext? Context, bool? InDistribution) BuildContext(AnalysisRequest r, RunConfig config, List<ParameterError> errors)
    {
        int p = config.P, maxShots = config.ExamplesPerSequence - 1;
        if (r.A is null) errors.Add(new ParameterError("a", $"is required: the task's a in 0..{p - 1}"));
        else Token(errors, "a", r.A.Value, p);
        if (r.B is null) errors.Add(new ParameterError("b", $"is required: the task's b in 0..{p - 1}"));
        else Token(errors, "b", r.B.Value, p);
        int shots = r.Shots ?? maxShots;
        if (shots < 0 || shots > maxShots)
            errors.Add(new ParameterError("shots", $"must be in 0..{maxShots} (the run's sequences hold k = {config.ExamplesPerSequence} examples, the last being the query); got {shots}"));
        if (errors.Count > 0) return (null, null);

        var task = new ModularTask(r.A!.Value, r.B!.Value);
        bool inDistribution = TaskSplit.Create(config).IdTasks.Contains(task);
        if (r.Context is null)
            return (AnalysisContext.Random(p, task, shots, PairSplit.Create(p, config.Alpha, config.Seed).TrainPairs, r.Seed ?? 0), inDistribution);

        var triples = ParseTriples(r.Context, errors);
        if (triples is null) return (null, inDistribution);
        var (context, contextErrors) = AnalysisContext.Typed(p, task, shots, triples);
        errors.AddRange(contextErrors);
        return (context, inDistribution);
    }

    /// <summary>"x,y,z;x,y,z" → triples; an empty string is no examples.</summary>
    public static IReadOnlyList<int[]>? ParseTriples(string text, List<ParameterError> errors)
    {
        var triples = new List<int[]>();
        var parts = text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < parts.Length; i++)
        {
            var tokens = parts[i].Split(',', StringSplitOptions.TrimEntries);
            var values = new int[tokens.Length];
            for (int t = 0; t < tokens.Length; t++)
            {
                if (int.TryParse(tokens[t], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[t])) continue;
                errors.Add(new ParameterError($"context[{i}]", $"'{parts[i]}' is not three whole numbers x,y,z (examples are separated by ';')"));
                return null;
            }
            triples.Add(values);
        }
        return triples;
    }

    private static void Token(List<ParameterError> errors, string name, int value, int p)
    {
        if (value < 0 || value >= p) errors.Add(new ParameterError(name, $"must be in 0..{p - 1} (p = {p}); got {value}"));
    }

    private static int Layer(List<ParameterError> errors, int? requested, RunConfig config)
    {
        int layer = requested ?? 0;
        if (layer < 0 || layer >= config.Depth) errors.Add(new ParameterError("layer", $"must be in 0..{config.Depth - 1} (the model has {config.Depth} blocks); got {layer}"));
        return layer;
    }

    private static QueryPosition Position(List<ParameterError> errors, string? requested)
    {
        switch ((requested ?? "y").Trim().ToLowerInvariant())
        {
            case "x": return QueryPosition.X;
            case "y": return QueryPosition.Y;
            case "z": return QueryPosition.Z;
            default:
                errors.Add(new ParameterError("position", $"must be x, y or z (a token of the query example); got '{requested}'"));
                return QueryPosition.Y;
        }
    }
}
