using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ModArith.Core.Config;
using ModArith.Core.Tasks;
using ModArith.Data;
using ModArith.Web.Jobs;

namespace ModArith.Web.Api;

/// <summary>The REST API under /api: everything the UI can do, a script can do too.</summary>
public static class RunEndpoints
{
    public static IEndpointRouteBuilder MapRunApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/presets", () => Presets.All.Select(p => new { p.Name, p.Version, p.Description, Config = p.Config }));
        api.MapGet("/config-keys", () => ConfigSchema.Fields.Select(f => new { f.Key, f.Group, f.Type, f.Description, f.DefaultValue, f.AllowedValues }));

        var runs = api.MapGroup("/runs");
        runs.MapPost("/", CreateRun);
        runs.MapGet("/", ListRuns);
        runs.MapGet("/{id:int}", GetRun);
        runs.MapPatch("/{id:int}", UpdateRun);
        runs.MapDelete("/{id:int}", DeleteRun);
        runs.MapGet("/{id:int}/metrics", GetMetrics);
        runs.MapGet("/{id:int}/series", GetSeries);
        runs.MapGet("/{id:int}/checkpoints", GetCheckpoints);
        runs.MapGet("/{id:int}/tasks", GetTasks);
        runs.MapPost("/{id:int}/cancel", Cancel);
        runs.MapPost("/{id:int}/resume", Resume);
        return app;
    }

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

    private static async Task<List<RunDto>> ListRuns(IDbContextFactory<ModArithDbContext> dbf, CancellationToken ct)
    {
        await using var db = await dbf.CreateDbContextAsync(ct);
        var runs = await db.Runs.AsNoTracking().OrderByDescending(r => r.Id).ToListAsync(ct);
        return runs.Select(RunDto.From).ToList();
    }

    private static async Task<Results<Ok<RunDto>, NotFound>> GetRun(int id, IDbContextFactory<ModArithDbContext> dbf, CancellationToken ct)
    {
        await using var db = await dbf.CreateDbContextAsync(ct);
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        return run is null ? TypedResults.NotFound() : TypedResults.Ok(RunDto.From(run));
    }

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

    private static async Task<IResult> GetMetrics(int id, string? format, IDbContextFactory<ModArithDbContext> dbf, CancellationToken ct)
    {
        format ??= "json";
        if (format is not ("json" or "csv")) return Problem("format", "must be json or csv");
        await using var db = await dbf.CreateDbContextAsync(ct);
        if (!await db.Runs.AnyAsync(r => r.Id == id, ct)) return TypedResults.NotFound();
        var points = await db.MetricPoints.AsNoTracking().Where(m => m.RunId == id).OrderBy(m => m.Step).ToListAsync(ct);
        if (format == "json") return TypedResults.Ok(points.Select(MetricDto.From));
        return TypedResults.File(Encoding.UTF8.GetBytes(MetricsCsv.Write(points)), "text/csv", $"run-{id}-metrics.csv");
    }

    /// <summary>Largest maxPoints a request may ask for (0 asks for every stored point).</summary>
    public const int MaxSeriesPoints = 100_000;

    /// <summary>
    /// The per-step curves (trainLoss, learningRate, gradNorm), downsampled on the server to maxPoints
    /// per curve (default 2000; min and max kept per bucket; 0 = every stored point), or every stored
    /// point as CSV.
    /// </summary>
    private static async Task<IResult> GetSeries(int id, string? keys, string? maxPoints, string? format, IDbContextFactory<ModArithDbContext> dbf, CancellationToken ct)
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
        await using var db = await dbf.CreateDbContextAsync(ct);
        if (!await db.Runs.AnyAsync(r => r.Id == id, ct)) return TypedResults.NotFound();
        var points = await Series.SeriesStore.ReadAsync(db, id, ct);
        if (format == "csv") return TypedResults.File(Encoding.UTF8.GetBytes(Series.SeriesStore.Csv(points)), "text/csv", $"run-{id}-series.csv");
        return TypedResults.Ok(new Series.RunSeriesDto(id, points.Count, Series.SeriesStore.Columns(points, wanted, max)));
    }

    private static async Task<IResult> GetCheckpoints(int id, IDbContextFactory<ModArithDbContext> dbf, CancellationToken ct)
    {
        await using var db = await dbf.CreateDbContextAsync(ct);
        if (!await db.Runs.AnyAsync(r => r.Id == id, ct)) return TypedResults.NotFound();
        var list = await db.Checkpoints.AsNoTracking().Where(c => c.RunId == id).OrderBy(c => c.Step).ToListAsync(ct);
        return TypedResults.Ok(list.Select(c => new CheckpointDto(c.Id, c.Step, c.Kind.ToString(), c.CreatedAt)));
    }

    /// <summary>Which tasks and pairs the run trained on; recomputed from its config (deterministic in the seed).</summary>
    private static async Task<IResult> GetTasks(int id, IDbContextFactory<ModArithDbContext> dbf, CancellationToken ct)
    {
        await using var db = await dbf.CreateDbContextAsync(ct);
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is null) return TypedResults.NotFound();
        var config = ConfigLoader.Load(run.ConfigJson);
        var tasks = TaskSplit.Create(config);
        var pairs = PairSplit.Create(config.P, config.Alpha, config.Seed);
        return TypedResults.Ok(new
        {
            id = tasks.IdTasks.Select(t => new[] { t.A, t.B }),
            ood = tasks.OodTasks.Select(t => new[] { t.A, t.B }),
            trainPairs = pairs.TrainPairs.Select(q => new[] { q.X, q.Y }),
        });
    }

    private static async Task<IResult> Cancel(int id, RunService service, CancellationToken ct) =>
        await service.CancelAsync(id, ct) switch
        {
            RunService.ActionResult.Done => TypedResults.Accepted($"/api/runs/{id}"),
            RunService.ActionResult.NotFound => TypedResults.NotFound(),
            _ => TypedResults.Conflict(new { error = "only a queued or running run can be cancelled" }),
        };

    private static async Task<IResult> Resume(int id, RunService service, CancellationToken ct) =>
        await service.ResumeAsync(id, ct) switch
        {
            RunService.ActionResult.Done => TypedResults.Accepted($"/api/runs/{id}"),
            RunService.ActionResult.NotFound => TypedResults.NotFound(),
            _ => TypedResults.Conflict(new { error = "only a cancelled, interrupted or failed run can be resumed" }),
        };
}

/// <summary>CSV export of every stored metric point (never downsampled).</summary>
public static class MetricsCsv
{
    private static readonly string[] Sets = ["idTrain", "idTest", "oodTrain", "oodTest"];

    public static string Write(IEnumerable<MetricPoint> points)
    {
        var sb = new StringBuilder("step,wallSeconds,learningRate,trainLoss");
        foreach (var s in Sets) sb.Append($",{s}Loss,{s}Accuracy,{s}LastShotAccuracy");
        sb.Append('\n');
        foreach (var m in points)
        {
            double?[] cells = [m.IdTrainLoss, m.IdTrainAccuracy, m.IdTrainLastShotAccuracy, m.IdTestLoss, m.IdTestAccuracy, m.IdTestLastShotAccuracy,
                m.OodTrainLoss, m.OodTrainAccuracy, m.OodTrainLastShotAccuracy, m.OodTestLoss, m.OodTestAccuracy, m.OodTestLastShotAccuracy];
            sb.Append(CultureInfo.InvariantCulture, $"{m.Step},{F(m.WallSeconds)},{F(m.LearningRate)},{F(m.TrainLoss)}");
            foreach (var c in cells) sb.Append(',').Append(c is null ? "" : F(c.Value));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
