namespace ModArith.Web.Components.Inside.Plots;

/// <summary>
/// A matrix drawn as coloured cells (attention maps, neuron maps and spectra, the correctness grid):
/// rows top to bottom, columns left to right, with a colour bar unless a <see cref="Palette"/> is given.
/// </summary>
public sealed record HeatmapPlot(string Id, double[][] Values) : CanvasPlot(Id)
{
    public IReadOnlyList<string>? XLabels { get; init; }
    public IReadOnlyList<string>? YLabels { get; init; }
    /// <summary>Fixed ends of the colour scale (default: the values' range).</summary>
    public double? Min { get; init; }
    public double? Max { get; init; }
    /// <summary>Categorical colours for whole-number values (value i → Palette[i]), explained by the legend.</summary>
    public IReadOnlyList<string>? Palette { get; init; }
    /// <summary>Per-cell text, shown by the tooltip's {t}.</summary>
    public string[][]? CellText { get; init; }
    /// <summary>Boolean masks drawn over the cells (e.g. where an algorithm could answer).</summary>
    public IReadOnlyList<HeatmapMark>? Marks { get; init; }
}
