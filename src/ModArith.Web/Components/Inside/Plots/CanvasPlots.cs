using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.JSInterop;

namespace ModArith.Web.Components.Inside.Plots;

/// <summary>
/// Draws <see cref="CanvasPlot"/>s through wwwroot/js/charts/canvas-plots.js. One per circuit: the
/// module is imported at the first drawing and kept until the circuit ends.
/// </summary>
public sealed class CanvasPlots(IJSRuntime js) : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private Task<IJSObjectReference>? module;

    /// <summary>Draws the plots in one call (one round trip); returns the browser's drawing time in ms.</summary>
    public async Task<double> DrawAsync(IReadOnlyList<CanvasPlot> plots)
    {
        module ??= js.InvokeAsync<IJSObjectReference>("import", "./js/charts/canvas-plots.js").AsTask();
        var loaded = await module;
        return await loaded.InvokeAsync<double>("drawPlots", ToJson(plots));
    }

    /// <summary>
    /// The plots as drawPlots reads them: camelCase, each with its "kind", null fields left out.
    /// Serialised here rather than by the interop's own options, which would write the nulls.
    /// </summary>
    public static JsonElement ToJson(IReadOnlyList<CanvasPlot> plots) => JsonSerializer.SerializeToElement(plots, Json);

    public async ValueTask DisposeAsync()
    {
        if (module is not { IsCompletedSuccessfully: true }) return;
        try { await module.Result.DisposeAsync(); }
        catch (JSDisconnectedException) { }
    }
}
