using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModArith.Core.Config;
using ModArith.Core.Sweeps;
using ModArith.Data;
using ModArith.Web.Runs;
using ModArith.Web.Options;

namespace ModArith.Web.Sweeps;

/// <summary>Launching and cancelling sweeps, for the UI and the REST API alike.</summary>
public sealed class SweepService(IDbContextFactory<ModArithDbContext> dbFactory, RunService runs, IOptions<DashboardOptions> options)
{
    /// <summary>
    /// Validates a sweep body (every expanded run config by the engine's rules, the run cap and
    /// the server's step limit), then stores the sweep and all its runs in one transaction and
    /// queues them. Nothing is stored when anything is invalid.
    /// </summary>
    public async Task<(Sweep? Sweep, IReadOnlyList<ConfigError> Errors)> CreateAsync(JsonNode? body, CancellationToken ct = default)
    {
        var errors = Check(body, out var plan);
        if (plan is null) return (null, errors);

        var sweep = new Sweep { Name = plan.Spec.Name, SpecJson = plan.Spec.ToJson().ToJsonString(), CreatedAt = DateTimeOffset.UtcNow };
        foreach (var r in plan.Runs)
        {
            var label = $": {r.Point.Label()}";
            var prefix = plan.Spec.Name.Length + label.Length > RunService.MaxNameLength ? plan.Spec.Name[..(RunService.MaxNameLength - label.Length - 1)] + "…" : plan.Spec.Name;
            sweep.Runs.Add(RunService.NewQueuedRun(r.Config, prefix + label));
        }
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Sweeps.Add(sweep); // one SaveChanges: the sweep and its runs are stored together or not at all
            await db.SaveChangesAsync(ct);
        }
        foreach (var run in sweep.Runs.OrderBy(r => r.Id)) runs.Queue(run);
        return (sweep, []);
    }

    /// <summary>The checks of <see cref="CreateAsync"/> without storing anything (the form shows them as you type).</summary>
    public IReadOnlyList<ConfigError> Check(JsonNode? body, out SweepPlan? plan)
    {
        var (planned, errors) = SweepPlanner.Plan(body, options.Value.MaxSweepRuns, "Dashboard:MaxSweepRuns");
        plan = planned;
        if (planned is not null && planned.Runs.Any(r => r.Config.Steps > options.Value.MaxSteps))
        {
            plan = null;
            return [new ConfigError("base.steps", $"must be at most {options.Value.MaxSteps} on this server (Dashboard:MaxSteps)")];
        }
        return errors;
    }

    /// <summary>Cancels every queued and running run of the sweep. False when the sweep does not exist.</summary>
    public async Task<bool> CancelAsync(int sweepId, CancellationToken ct = default)
    {
        List<(int Id, RunStatus Status)> members;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var sweep = await db.Sweeps.FindAsync([sweepId], ct);
            if (sweep is null) return false;
            sweep.CancelledAt ??= DateTimeOffset.UtcNow;
            await db.SaveChangesAsync(ct);
            members = (await db.Runs.Where(r => r.SweepId == sweepId && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running))
                .Select(r => new { r.Id, r.Status }).ToListAsync(ct)).Select(r => (r.Id, r.Status)).ToList();
        }
        // Queued runs first, so the job runner cannot start one in the slot a cancelled run frees.
        foreach (var (id, _) in members.OrderBy(m => m.Status == RunStatus.Running))
            await runs.CancelAsync(id, ct);
        return true;
    }
}
