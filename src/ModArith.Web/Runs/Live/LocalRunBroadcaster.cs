using Microsoft.AspNetCore.SignalR;
using ModArith.Web.Api;
using ModArith.Web.Hubs;

namespace ModArith.Web.Runs.Live;

/// <summary>The embedded mode's push: this process's pages and hub clients.</summary>
public sealed class LocalRunBroadcaster(IHubContext<RunsHub> hub, RunNotifier notifier) : IRunBroadcaster
{
    public Task MetricAsync(MetricDto metric)
    {
        notifier.Publish(metric);
        return hub.Clients.Group(RunsHub.RunGroup(metric.RunId)).SendAsync("metric", metric);
    }

    public Task StatusAsync(StatusDto status)
    {
        notifier.Publish(status);
        return hub.Clients.Groups(RunsHub.RunGroup(status.RunId), RunsHub.RunListGroup).SendAsync("status", status);
    }

    public Task ProgressAsync(ProgressDto progress)
    {
        notifier.Publish(progress);
        return hub.Clients.Groups(RunsHub.RunGroup(progress.RunId), RunsHub.RunListGroup).SendAsync("progress", progress);
    }

    public Task SeriesAsync(Series.SeriesPointsDto points)
    {
        notifier.Publish(points);
        return hub.Clients.Group(RunsHub.RunGroup(points.RunId)).SendAsync("series", points);
    }

    public Task LogAsync(Telemetry.RunLogLineDto line)
    {
        notifier.Publish(line);
        return hub.Clients.Group(RunsHub.RunGroup(line.RunId)).SendAsync("log", line);
    }

    public Task SystemAsync(Telemetry.SystemSampleDto sample)
    {
        notifier.Publish(sample);
        return hub.Clients.Group(RunsHub.RunGroup(sample.RunId)).SendAsync("system", sample);
    }
}
