using ModArith.Web.Api;

namespace ModArith.Web.Runs.Live;

/// <summary>
/// This front-end's fan-out of the live events to Blazor components (the SignalR hub serves other
/// clients). Components subscribe on init, marshal to their renderer with InvokeAsync, and
/// unsubscribe in Dispose. Fed by the transport: the local broadcaster in the embedded mode, the
/// Redis feed (events of runs on any worker) in the cluster mode.
/// </summary>
public sealed class RunNotifier
{
    public event Action<MetricDto>? MetricAdded;
    public event Action<StatusDto>? StatusChanged;
    public event Action<ProgressDto>? ProgressChanged;
    public event Action<ModArith.Web.Series.SeriesPointsDto>? SeriesAdded;
    public event Action<Telemetry.RunLogLineDto>? LogWritten;
    public event Action<Telemetry.SystemSampleDto>? SystemSampled;
    /// <summary>A run's name, notes, tags or archived flag changed (by id).</summary>
    public event Action<int>? RunChanged;
    /// <summary>A run was deleted (by id).</summary>
    public event Action<int>? RunDeleted;
    /// <summary>
    /// The live feed came back after an outage (Redis restarted): events of that time never came,
    /// so pages read what they missed from the store.
    /// </summary>
    public event Action? Resynced;

    internal void Publish(MetricDto m) => Raise(MetricAdded, m);
    internal void Publish(StatusDto s) => Raise(StatusChanged, s);
    internal void Publish(ProgressDto p) => Raise(ProgressChanged, p);
    internal void Publish(ModArith.Web.Series.SeriesPointsDto p) => Raise(SeriesAdded, p);
    internal void Publish(Telemetry.RunLogLineDto l) => Raise(LogWritten, l);
    internal void Publish(Telemetry.SystemSampleDto s) => Raise(SystemSampled, s);
    internal void PublishChanged(int runId) => Raise(RunChanged, runId);
    internal void PublishDeleted(int runId) => Raise(RunDeleted, runId);
    internal void PublishResynced()
    {
        foreach (var h in Resynced?.GetInvocationList().Cast<Action>() ?? [])
        {
            try { h(); }
            catch (ObjectDisposedException) { }
        }
    }

    private static void Raise<T>(Action<T>? handlers, T value)
    {
        if (handlers is null) return;
        foreach (var h in handlers.GetInvocationList().Cast<Action<T>>())
        {
            try { h(value); }
            catch (ObjectDisposedException) { } // a circuit went away between the check and the call
        }
    }
}
