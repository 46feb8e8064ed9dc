using System.Text.Json.Serialization;

namespace ModArith.Web.Components.Inside.Plots;

/// <summary>
/// One plot drawn by wwwroot/js/charts/canvas-plots.js into the element with id <see cref="Id"/>;
/// serialised camelCase with its kind ("heatmap" or "scatter") beside its options, as drawPlots reads them.
/// Fields left null are left out: the module then uses its defaults.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(HeatmapPlot), "heatmap")]
[JsonDerivedType(typeof(ScatterPlot), "scatter")]
public abstract record CanvasPlot(string Id)
{
    public string? Title { get; init; }
    public string? XTitle { get; init; }
    public string? YTitle { get; init; }
    /// <summary>Colour swatches with their meaning, under the plot.</summary>
    public IReadOnlyList<PlotLegendEntry>? Legend { get; init; }
    /// <summary>Hover text template (heatmaps: {row}, {col}, {r}, {c}, {v}, {t}).</summary>
    public string? Tooltip { get; init; }
    /// <summary>A click opens the plot larger in an overlay.</summary>
    public bool Enlarge { get; init; }
    /// <summary>Widest the plot grows to in its container, in CSS pixels (default: the container's width).</summary>
    public int? MaxWidth { get; init; }
}
