using ModArith.Web.Api;

namespace ModArith.Web.Runs.Live;

/// <summary>
/// Pushes a run's live events to whoever watches: SignalR hub clients and the Blazor pages' <see cref="RunNotifier"/>.
/// Embedded: straight into this process. Cluster: through Redis (the SignalR backplane for hub clients,
/// a pub/sub channel for every front-end's pages), so a run on any worker reaches every front-end.
/// </summary>
public interface IRunBroadcaster
{
    Task MetricAsync(MetricDto metric);
    Task StatusAsync(StatusDto status);
    Task ProgressAsync(ProgressDto progress);
    /// <summary>Per-step curve points just logged (the `series` event, to the run's watchers).</summary>
    Task SeriesAsync(Series.SeriesPointsDto points);
    /// <summary>A line of the run's log (the `log` event, to the run's watchers).</summary>
    Task LogAsync(Telemetry.RunLogLineDto line);
    /// <summary>A sample of the training process's CPU, memory and threads (the `system` event, to the run's watchers).</summary>
    Task SystemAsync(Telemetry.SystemSampleDto sample);
}
