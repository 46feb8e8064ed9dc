using Microsoft.AspNetCore.SignalR;

namespace ModArith.Web.Hubs;

/// <summary>
/// Live push at /hubs/runs. Clients join a run's group for its `metric`, `status` and `progress`
/// events, or the run-list group for every run's `status` and `progress`.
/// </summary>
public sealed class RunsHub : Hub
{
    public const string Path = "/hubs/runs";
    public const string RunListGroup = "run-list";

    public static string RunGroup(int runId) => $"run-{runId}";

    public Task JoinRun(int runId) => Groups.AddToGroupAsync(Context.ConnectionId, RunGroup(runId));

    public Task LeaveRun(int runId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, RunGroup(runId));

    public Task JoinRunList() => Groups.AddToGroupAsync(Context.ConnectionId, RunListGroup);
}
