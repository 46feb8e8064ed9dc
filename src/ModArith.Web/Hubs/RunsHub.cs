using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using ModArith.Data;
using ModArith.Web.Api;

namespace ModArith.Web.Hubs;

/// <summary>
/// Live push at /hubs/runs. Clients join a run's group for its `metric`, `status`, `progress`,
/// `series`, `log` and `system` events, or the run-list group for every run's `status` and `progress`. In the cluster mode the
/// Redis backplane brings events of runs on any worker to clients of any front-end.
/// </summary>
public sealed class RunsHub(IDbContextFactory<ModArithDbContext> dbFactory) : Hub
{
    public const string Path = "/hubs/runs";
    public const string RunListGroup = "run-list";

    public static string RunGroup(int runId) => $"run-{runId}";

    public Task JoinRun(int runId) => Groups.AddToGroupAsync(Context.ConnectionId, RunGroup(runId));

    /// <summary>
    /// Joins a run's group, then returns its stored evaluations after <paramref name="afterStep"/>
    /// (0: all), for a client (re)joining mid-run: stored points first, live ones from then on. A live
    /// point stored while this ran can come both ways; a client keeps each step once (steps of a run
    /// only grow, and a resumed run recomputes the same values for the same step).
    /// </summary>
    public async Task<List<MetricDto>> JoinRunFrom(int runId, int afterStep)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, RunGroup(runId));
        await using var db = await dbFactory.CreateDbContextAsync(Context.ConnectionAborted);
        return (await db.MetricPoints.AsNoTracking().Where(m => m.RunId == runId && m.Step > afterStep).OrderBy(m => m.Step)
            .ToListAsync(Context.ConnectionAborted)).Select(MetricDto.From).ToList();
    }

    public Task LeaveRun(int runId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, RunGroup(runId));

    public Task JoinRunList() => Groups.AddToGroupAsync(Context.ConnectionId, RunListGroup);
}
