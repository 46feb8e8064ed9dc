using Microsoft.JSInterop;

namespace ModArith.Web.Components.Shared;

/// <summary>
/// wwwroot/js/charts/line-chart.js, imported once per circuit and shared by every <see cref="LineChart"/>
/// on its pages. A page can <see cref="Warm"/> it while it reads its data, so its charts are created
/// as soon as they render instead of each waiting for its own import round trip first.
/// </summary>
public sealed class LineChartModule(IJSRuntime js) : IAsyncDisposable
{
    private Task<IJSObjectReference>? module;

    public Task<IJSObjectReference> GetAsync() => module ??= js.InvokeAsync<IJSObjectReference>("import", "./js/charts/line-chart.js").AsTask();

    /// <summary>Starts the import (from a first render, when JS interop is available) without waiting for it.</summary>
    public void Warm() => _ = GetAsync().ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);

    public async ValueTask DisposeAsync()
    {
        if (module is not { IsCompletedSuccessfully: true }) return;
        try { await module.Result.DisposeAsync(); }
        catch (JSDisconnectedException) { } // the browser is gone with the circuit
    }
}
