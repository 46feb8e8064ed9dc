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
    /// The live feed came back after an outage (this front-end reconnected to Redis, or a node that
    /// dropped events while Redis was away says it is back): events of that time never came, so pages
    /// read the store again.
    /// </summary>
    public event Action? Resynced;

    internal void Publish(MetricDto m) => Raise(MetricAdded, h => h(m));
    internal void Publish(StatusDto s) => Raise(StatusChanged, h => h(s));
    internal void Publish(ProgressDto p) => Raise(ProgressChanged, h => h(p));
    internal void Publish(ModArith.Web.Series.SeriesPointsDto p) => Raise(SeriesAdded, h => h(p));
    internal void Publish(Telemetry.RunLogLineDto l) => Raise(LogWritten, h => h(l));
    internal void Publish(Telemetry.SystemSampleDto s) => Raise(SystemSampled, h => h(s));
    internal void PublishChanged(int runId) => Raise(RunChanged, h => h(runId));
    internal void PublishDeleted(int runId) => Raise(RunDeleted, h => h(runId));
    internal void PublishResynced() => Raise(Resynced, h => h());

    /// <summary>Calls each handler in turn; one whose circuit went away between the check and the call is skipped.</summary>
    private static void Raise<THandler>(THandler? handlers, Action<THandler> call) where THandler : Delegate
    {
        if (handlers is null) return;
        foreach (var h in handlers.GetInvocationList().Cast<THandler>())
        {
            try { call(h); }
            catch (ObjectDisposedException) { }
        }
    }
}
