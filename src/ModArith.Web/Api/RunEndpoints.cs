using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;
using ModArith.Core.Config;
using ModArith.Core.Tasks;
using ModArith.Data;
using ModArith.Web.Api.OpenApi;
using ModArith.Web.Runs;

namespace ModArith.Web.Api;

/// <summary>The REST API under /api: everything the UI can do, a script can do too.</summary>
public static class RunEndpoints
{
    public static IEndpointRouteBuilder MapRunApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Runs");
        api.MapGet("/presets", () => Presets.All.Select(PresetDto.From).ToList())
            .WithSummary("Run presets").WithDescription("The named base configs; a config's `preset` key picks one and the other keys override it.");
        api.MapGet("/config-keys", () => ConfigSchema.Fields.Select(ConfigKeyDto.From).ToList())
            .WithSummary("The config vocabulary")
            .WithDescription("Every config key with its group, type, default, choices, range and meaning (the text the New-run form shows). The same vocabulary is the `RunConfigDocument` schema.");

        var runs = api.MapGroup("/runs");
        runs.MapPost("/", CreateRun).WithMetadata(new JsonBodyDoc(typeof(RunCreateRequest), "The run's config (a preset plus overrides) and an optional name."))
            .Produces<RunDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Launch a run")
            .WithDescription("Stores a run for the config (a preset plus overrides) and queues it; 201 with the run and its Location. 400 problem details name each invalid key, e.g. `steps` or an unknown key.");
        runs.MapGet("/", ListRuns).WithSummary("Every run").WithDescription("All runs, newest first, with status, progress and best/final accuracies.");
        runs.MapGet("/{id:int}", GetRun).WithMetadata(RunId)
            .WithSummary("One run").WithDescription("The run with its status, progress and best/final accuracies; 404 when there is no such run.");
        runs.MapGet("/{id:int}/metrics", GetMetrics).WithMetadata(RunId)
            .WithMetadata(new ParameterDoc("format", "`json` (default): one object per evaluation with per-shot accuracies; `csv`: the same rows as a CSV file without per-shot accuracies.",
                JsonSchemaType.String, Choices: ["json", "csv"], Default: "json"))
            .Produces<List<MetricDto>>(StatusCodes.Status200OK, "application/json")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // The CSV export is the same 200 in another media type; Produces keeps one type per status.
                operation.Responses!["200"].Content!["text/csv"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
                return Task.CompletedTask;
            })
            .ProducesValidationProblem().Produces(StatusCodes.Status404NotFound)
            .WithSummary("A run's metrics").WithDescription("Every stored evaluation in step order, never downsampled.");
        runs.MapGet("/{id:int}/checkpoints", GetCheckpoints).WithMetadata(RunId)
            .Produces<List<CheckpointDto>>().Produces(StatusCodes.Status404NotFound)
            .WithSummary("A run's checkpoints").WithDescription("The kept checkpoints in step order: kind `LogSpaced`, `BestOod` or `Last`; their ids select a checkpoint for predict and the analyses.");
        runs.MapGet("/{id:int}/tasks", GetTasks).WithMetadata(RunId)
            .Produces<RunTasksDto>().Produces(StatusCodes.Status404NotFound)
            .WithSummary("A run's tasks and pairs").WithDescription("The i.d. (pre-training) tasks, the o.o.d. tasks evaluated, and the training pairs (x, y), recomputed from the run's config.");
        runs.MapPost("/{id:int}/cancel", Cancel).WithMetadata(RunId)
            .Produces(StatusCodes.Status202Accepted).Produces(StatusCodes.Status404NotFound).Produces<ConflictDto>(StatusCodes.Status409Conflict)
            .WithSummary("Cancel a run").WithDescription("202 when a queued or running run is being cancelled (a running run saves a checkpoint first); 409 in any other status.");
        runs.MapPost("/{id:int}/resume", Resume).WithMetadata(RunId)
            .Produces(StatusCodes.Status202Accepted).Produces(StatusCodes.Status404NotFound).Produces<ConflictDto>(StatusCodes.Status409Conflict)
            .WithSummary("Resume a run").WithDescription("202 when a cancelled, interrupted or failed run is queued again to continue from its last checkpoint; 409 in any other status.");
        runs.MapPatch("/{id:int}", UpdateRun).WithMetadata(RunId)
            .WithMetadata(new JsonBodyDoc(typeof(RunPatchRequest), "Any of name, notes, tags (a list) and archived; what is left out stays as it is."))
            .Produces<RunDto>().ProducesValidationProblem().Produces(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Rename, annotate, tag or archive a run")
            .WithDescription("Changes the fields given; 400 problem details name each bad field (`name`, `tags[2]`, an unknown key), and then nothing changes.");
        runs.MapDelete("/{id:int}", DeleteRun).WithMetadata(RunId)
            .Produces(StatusCodes.Status204NoContent).Produces(StatusCodes.Status404NotFound).Produces<ConflictDto>(StatusCodes.Status409Conflict)
            .WithSummary("Delete a run")
            .WithDescription("Deletes a run that is not queued or running, with its evaluations, per-step curves, checkpoint records and checkpoint files; 409 while it is queued or running.");
        runs.MapGet("/{id:int}/series", GetSeries).WithMetadata(RunId)
            .WithMetadata(new ParameterDoc("keys", "Comma-separated curves: `trainLoss`, `learningRate`, `gradNorm` (default: all).", JsonSchemaType.String))
            .WithMetadata(new ParameterDoc("maxPoints", "Most points per curve, min and max kept per bucket (4-100000, default 2000); 0 = every stored point.", Minimum: 0, Maximum: MaxSeriesPoints, Default: "2000"))
            .WithMetadata(new ParameterDoc("format", "`json` (default) or `csv` (every stored point, never downsampled).", JsonSchemaType.String, Choices: ["json", "csv"], Default: "json"))
            .Produces<Series.RunSeriesDto>().ProducesValidationProblem().Produces(StatusCodes.Status404NotFound)
            .WithSummary("A run's per-step curves")
            .WithDescription("The training loss (mean since the previous point), learning rate and gradient norm logged every `logEvery` steps, downsampled on the server.");
        runs.MapGet("/{id:int}/log", GetLog).WithMetadata(RunId)
            .Produces<List<Runs.Telemetry.RunLogLineDto>>().Produces(StatusCodes.Status404NotFound)
            .WithSummary("A run's log")
            .WithDescription("The run's log lines in time order: queued, started or resumed (at which step, from which checkpoint, by which attempt on which worker), "
                + "cancel requested, stopped early, cancelled, interrupted, failed (level `Error`, with the error), finished. Live as the `log` hub event.");
        runs.MapGet("/{id:int}/system", GetSystem).WithMetadata(RunId)
            .Produces<List<Runs.Telemetry.SystemSampleDto>>().Produces(StatusCodes.Status404NotFound)
            .WithSummary("A run's training process: CPU, memory, threads")
            .WithDescription("Samples of the process that trained the run (a cluster worker or the dashboard itself) in time order: CPU in percent of one core, "
                + "resident memory in bytes, threads. Every few seconds while it trains, fewer as it ages. Live as the `system` hub event.");
        return app;
    }

    private static async Task<IResult> GetLog(int id, RunReader reader, CancellationToken ct) =>
        await reader.LogAsync(id, ct) is { } lines ? TypedResults.Ok(lines) : TypedResults.NotFound();

    private static async Task<IResult> GetSystem(int id, RunReader reader, CancellationToken ct) =>
        await reader.SystemSamplesAsync(id, ct) is { } samples ? TypedResults.Ok(samples) : TypedResults.NotFound();

    private static readonly ParameterDoc RunId = ParameterDoc.Path("id", "The run's id.");

    private static async Task<IResult> CreateRun(HttpRequest request, RunService service, CancellationToken ct)
    {
        var (body, error) = await RequestBody.ReadJsonAsync(request, ct);
        if (error is not null) return error;
        if (body is not JsonObject obj) return Problem("(body)", "must be a JSON object of config keys, e.g. { \"preset\": \"cpu-small\", \"steps\": 300 }");

        var (run, errors) = await service.CreateAsync(obj, ct);
        if (run is null)
            return TypedResults.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                title: "The run config is invalid.");
        return TypedResults.Created($"/api/runs/{run.Id}", RunDto.From(run));
    }

    private static ValidationProblem Problem(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is invalid.");

    private static async Task<List<RunDto>> ListRuns(RunReader reader, CancellationToken ct) =>
        (await reader.AllAsync(ct)).Select(RunDto.From).ToList();

    private static async Task<Results<Ok<RunDto>, NotFound>> GetRun(int id, RunReader reader, CancellationToken ct) =>
        await reader.FindAsync(id, ct) is { } run ? TypedResults.Ok(RunDto.From(run)) : TypedResults.NotFound();

    /// <summary>Changes name, notes, tags or archived; 400 naming each bad field (nothing is changed then).</summary>
    private static async Task<IResult> UpdateRun(int id, HttpRequest request, RunService service, CancellationToken ct)
    {
        var (body, error) = await RequestBody.ReadJsonAsync(request, ct);
        if (error is not null) return error;
        var (changes, errors) = Runs.RunChanges.Parse(body);
        if (changes is null)
            return TypedResults.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                title: "The changes are invalid.");
        var run = await service.UpdateAsync(id, changes, ct);
        return run is null ? TypedResults.NotFound() : TypedResults.Ok(RunDto.From(run));
    }

    /// <summary>Deletes a finished run with its files; 409 while it is queued or running.</summary>
    private static async Task<IResult> DeleteRun(int id, RunService service, CancellationToken ct) =>
        await service.DeleteAsync(id, ct) switch
        {
            RunService.ActionResult.Done => TypedResults.NoContent(),
            RunService.ActionResult.NotFound => TypedResults.NotFound(),
            _ => TypedResults.Conflict(new { error = "a queued or running run cannot be deleted: cancel it first" }),
        };

    private static async Task<IResult> GetMetrics(int id, string? format, RunReader reader, CancellationToken ct)
    {
        format ??= "json";
        if (format is not ("json" or "csv")) return Problem("format", "must be json or csv");
        if (await reader.MetricsAsync(id, ct) is not { } points) return TypedResults.NotFound();
        if (format == "json") return TypedResults.Ok(points.Select(MetricDto.From));
        // The CLI's metrics.csv layout, every digit kept.
        return TypedResults.File(Encoding.UTF8.GetBytes(Core.Training.MetricsCsv.Write(points.Select(p => p.Row()))), "text/csv", $"run-{id}-metrics.csv");
    }

    /// <summary>Largest maxPoints a request may ask for (0 asks for every stored point).</summary>
    public const int MaxSeriesPoints = 100_000;

    /// <summary>
    /// The per-step curves (trainLoss, learningRate, gradNorm), downsampled on the server to maxPoints
    /// per curve (default 2000; min and max kept per bucket; 0 = every stored point), or every stored
    /// point as CSV.
    /// </summary>
    private static async Task<IResult> GetSeries(int id, string? keys, string? maxPoints, string? format, RunReader reader, CancellationToken ct)
    {
        format ??= "json";
        if (format is not ("json" or "csv")) return Problem("format", "must be json or csv");
        var wanted = string.IsNullOrWhiteSpace(keys) ? [.. Series.SeriesKeys.All] : keys.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        var unknown = wanted.Where(k => !Series.SeriesKeys.All.Contains(k)).ToList();
        if (unknown.Count > 0 || wanted.Count == 0)
            return Problem("keys", $"must be a comma-separated list of {string.Join(", ", Series.SeriesKeys.All)}; unknown: {string.Join(", ", unknown)}");
        int max = 2000;
        if (maxPoints is not null && (!int.TryParse(maxPoints, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max > MaxSeriesPoints || max is > 0 and < 4))
            return Problem("maxPoints", $"must be a whole number from 4 to {MaxSeriesPoints}, or 0 for every stored point");
        if (await reader.SeriesAsync(id, ct) is not { } points) return TypedResults.NotFound();
        if (format == "csv") return TypedResults.File(Encoding.UTF8.GetBytes(Series.SeriesStore.Csv(points)), "text/csv", $"run-{id}-series.csv");
        return TypedResults.Ok(new Series.RunSeriesDto(id, points.Count, Series.SeriesStore.Columns(points, wanted, max)));
    }

    private static async Task<IResult> GetCheckpoints(int id, RunReader reader, CancellationToken ct) =>
        await reader.CheckpointsAsync(id, ct) is { } list
            ? TypedResults.Ok(list.Select(c => new CheckpointDto(c.Id, c.Step, c.Kind.ToString(), c.CreatedAt)))
            : TypedResults.NotFound();

    /// <summary>Which tasks and pairs the run trained on; recomputed from its config (deterministic in the seed).</summary>
    private static async Task<IResult> GetTasks(int id, RunReader reader, CancellationToken ct)
    {
        var run = await reader.FindAsync(id, ct);
        if (run is null) return TypedResults.NotFound();
        var config = ConfigLoader.Load(run.ConfigJson);
        var tasks = TaskSplit.Create(config);
        var pairs = PairSplit.Create(config.P, config.Alpha, config.Seed);
        return TypedResults.Ok(new RunTasksDto(
            tasks.IdTasks.Select(t => new[] { t.A, t.B }).ToArray(),
            tasks.OodTasks.Select(t => new[] { t.A, t.B }).ToArray(),
            pairs.TrainPairs.Select(q => new[] { q.X, q.Y }).ToArray()));
    }

    private static async Task<IResult> Cancel(int id, RunService service, CancellationToken ct) =>
        await service.CancelAsync(id, ct) switch
        {
            RunService.ActionResult.Done => TypedResults.Accepted($"/api/runs/{id}"),
            RunService.ActionResult.NotFound => TypedResults.NotFound(),
            _ => TypedResults.Conflict(new ConflictDto("only a queued or running run can be cancelled")),
        };

    private static async Task<IResult> Resume(int id, RunService service, CancellationToken ct) =>
        await service.ResumeAsync(id, ct) switch
        {
            RunService.ActionResult.Done => TypedResults.Accepted($"/api/runs/{id}"),
            RunService.ActionResult.NotFound => TypedResults.NotFound(),
            _ => TypedResults.Conflict(new ConflictDto("only a cancelled, interrupted or failed run can be resumed")),
        };
}
