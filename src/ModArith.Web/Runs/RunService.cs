using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModArith.Core.Config;
using ModArith.Data;
using ModArith.Web.Options;
using ModArith.Web.Runs.Live;
using ModArith.Web.Runs.Queue;

namespace ModArith.Web.Runs;

/// <summary>The operations on runs that both the UI and the REST API offer.</summary>
public sealed class RunService(IDbContextFactory<ModArithDbContext> dbFactory, IRunQueue queue, RunEventChannel events, IOptions<DashboardOptions> options,
    DataPaths paths, RunNotifier notifier)
{
    public const int MaxNameLength = 200;

    /// <summary>
    /// Validates a request of config keys plus an optional "name", stores the run as Queued and
    /// queues it. Nothing is stored when anything is invalid.
    /// </summary>
    public async Task<(Run? Run, IReadOnlyList<ConfigError> Errors)> CreateAsync(JsonObject request, CancellationToken ct = default)
    {
        var body = (JsonObject)request.DeepClone();
        var errors = new List<ConfigError>();
        string? name = null;
        if (body.Remove("name", out var nameNode) && nameNode is not null)
        {
            if (nameNode.GetValueKind() != System.Text.Json.JsonValueKind.String) errors.Add(new ConfigError("name", "must be a string"));
            else name = nameNode.GetValue<string>().Trim();
            if (name is { Length: > MaxNameLength }) errors.Add(new ConfigError("name", $"must be at most {MaxNameLength} characters"));
        }
        RunConfig? config = null;
        try { config = ConfigLoader.FromObject(body); }
        catch (InvalidConfigException e) { errors.AddRange(e.Errors); }
        if (config is not null && config.Steps > options.Value.MaxSteps)
            errors.Add(new ConfigError("steps", $"must be at most {options.Value.MaxSteps} on this server (Dashboard:MaxSteps)"));
        if (errors.Count > 0 || config is null) return (null, errors);

        var run = NewQueuedRun(config, name);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Runs.Add(run);
        await db.SaveChangesAsync(ct);
        Queue(run);
        return (run, []);
    }

    /// <summary>A run row for a validated config, not yet stored.</summary>
    internal static Run NewQueuedRun(RunConfig config, string? name) => new()
    {
        Name = string.IsNullOrEmpty(name) ? DefaultName(config) : name,
        ConfigJson = ConfigJson.Serialize(config),
        Preset = config.Preset,
        Status = RunStatus.Queued,
        CreatedAt = DateTimeOffset.UtcNow,
        Seed = config.Seed,
        TotalSteps = config.Steps,
    };

    /// <summary>Hands a stored Queued run to the queue and tells the pages.</summary>
    internal void Queue(Run run)
    {
        // Logged before it is handed over, so "queued" is never stamped after the executor's "started".
        Note(run.Id, RunLogLevel.Info, run.SweepId is int sweep ? $"queued (sweep {sweep})" : "queued");
        queue.Enqueue(run);
        events.Publish(new RunStatusChanged(run.Id, RunStatus.Queued, null));
    }

    /// <summary>A front-end's own line in the run's log (stored by the event writer, pushed live).</summary>
    private void Note(int runId, RunLogLevel level, string message) =>
        events.Publish(new RunNoted(runId, level, message, DateTimeOffset.UtcNow, null));

    private static string DefaultName(RunConfig c) =>
        $"{c.Preset ?? "custom"} n_id={c.NumTasks} alpha={c.Alpha} d={c.Depth} seed={c.Seed}";

    public enum ActionResult { Done, NotFound, NotAllowed }

    /// <summary>
    /// Cancels a queued or running run. A queued one is cancelled at once; for a running one the request
    /// is stored, and the executor holding it (in this process or on any worker) sees it within a second,
    /// stops after its current step and keeps a checkpoint.
    /// </summary>
    public async Task<ActionResult> CancelAsync(int runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Runs.AnyAsync(r => r.Id == runId, ct)) return ActionResult.NotFound;
        var now = DateTimeOffset.UtcNow;
        // Each step is one conditional update, so a run starting at the same moment is never missed.
        if (await db.Runs.Where(r => r.Id == runId && r.Status == RunStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Cancelled).SetProperty(r => r.FinishedAt, now), ct) == 1)
        {
            Note(runId, RunLogLevel.Warning, "cancelled before it started");
            events.Publish(new RunStatusChanged(runId, RunStatus.Cancelled, "cancelled before it started"));
            return ActionResult.Done;
        }
        if (await db.Runs.Where(r => r.Id == runId && r.Status == RunStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.CancelRequestedAt, now), ct) != 1)
            return ActionResult.NotAllowed;
        Note(runId, RunLogLevel.Info, "cancel requested: the run stops after its current step and keeps a checkpoint");
        return ActionResult.Done;
    }

    /// <summary>Queues a cancelled, interrupted or failed run again; it continues from its last checkpoint.</summary>
    public async Task<ActionResult> ResumeAsync(int runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.Runs.FindAsync([runId], ct);
        if (run is null) return ActionResult.NotFound;
        if (run.Status is not (RunStatus.Cancelled or RunStatus.Interrupted or RunStatus.Failed))
            return ActionResult.NotAllowed;
        run.Status = RunStatus.Queued;
        run.FinishedAt = null;
        run.CancelRequestedAt = null;
        await db.SaveChangesAsync(ct);
        Note(runId, RunLogLevel.Info, "queued to resume from its last checkpoint");
        queue.Enqueue(run);
        events.Publish(new RunStatusChanged(runId, RunStatus.Queued, "queued to resume"));
        return ActionResult.Done;
    }

    /// <summary>Applies name, notes, tags and archived (whichever are given) in one save; returns the run, or null when unknown.</summary>
    public async Task<Run?> UpdateAsync(int runId, Runs.RunChanges changes, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.Runs.FindAsync([runId], ct);
        if (run is null) return null;
        if (changes.Name is not null) run.Name = changes.Name;
        if (changes.Notes is not null) run.Notes = changes.Notes;
        if (changes.Tags is not null) run.Tags = string.Join(",", changes.Tags);
        if (changes.Archived is bool archived) run.Archived = archived;
        await db.SaveChangesAsync(ct);
        notifier.PublishChanged(runId);
        return run;
    }

    /// <summary>
    /// Deletes a run that is not queued or running: its rows (evaluations, per-step curves,
    /// checkpoint records) in one transaction, then its folder of checkpoint files.
    /// </summary>
    public async Task<ActionResult> DeleteAsync(int runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Runs.AnyAsync(r => r.Id == runId, ct)) return ActionResult.NotFound;
        // One conditional delete, so a run being picked up at the same moment is never deleted; the
        // database cascades to its metric points, series chunks and checkpoint records.
        if (await db.Runs.Where(r => r.Id == runId && r.Status != RunStatus.Queued && r.Status != RunStatus.Running).ExecuteDeleteAsync(ct) != 1)
            return ActionResult.NotAllowed;
        var directory = paths.RunDirectory(runId);
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        notifier.PublishDeleted(runId);
        return ActionResult.Done;
    }
}
