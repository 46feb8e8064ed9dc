using System.Text.Json;
using Microsoft.JSInterop;

namespace ModArith.Web.Components.Shared;

/// <summary>
/// View choices kept in the browser (wwwroot/js/prefs.js, localStorage): chart log scale, smoothing,
/// y range. Read after the first render (the browser is reachable only then). One per circuit, so
/// the module lives as long as the circuit: a page left while it still awaits a read (a click on
/// *Look inside* right after a run page opened) must not dispose the module under that read, which
/// failed the whole circuit.
/// </summary>
public sealed class BrowserPreferences(IJSRuntime js) : IAsyncDisposable
{
    public const string LogLoss = "charts.logLoss";
    public const string Smoothing = "charts.smoothing";
    public const string AccuracyFullRange = "charts.accuracyFullRange";
    public const string CompareXAxis = "compare.xAxis";

    private Task<IJSObjectReference>? module;

    private Task<IJSObjectReference> ModuleAsync() => module ??= js.InvokeAsync<IJSObjectReference>("import", "./js/prefs.js").AsTask();

    /// <summary>The stored value, or <paramref name="fallback"/> when unset or of another type.</summary>
    public async Task<T> GetAsync<T>(string key, T fallback)
    {
        var value = await (await ModuleAsync()).InvokeAsync<JsonElement?>("getPreference", key);
        if (value is not { ValueKind: not JsonValueKind.Null } element) return fallback;
        try { return element.Deserialize<T>() ?? fallback; }
        catch (JsonException) { return fallback; }
    }

    public async Task SetAsync<T>(string key, T value) => await (await ModuleAsync()).InvokeVoidAsync("setPreference", key, value);

    public async ValueTask DisposeAsync()
    {
        if (module is not { IsCompletedSuccessfully: true }) return;
        try { await module.Result.DisposeAsync(); }
        catch (JSDisconnectedException) { } // the browser is gone with the circuit
    }
}
