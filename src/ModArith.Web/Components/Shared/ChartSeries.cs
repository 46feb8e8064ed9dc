namespace ModArith.Web.Components.Shared;

/// <summary>
/// One line of a chart: a name for the legend (drawn as text) and its (x, y) points.
/// <see cref="Color"/> picks a palette entry (default: the series' position), so related lines
/// (an evaluation set's mean and last-shot accuracy) can share a colour; <see cref="Dashed"/> draws it dashed,
/// <see cref="Faint"/> pale and thin.
/// </summary>
public sealed record ChartSeries(string Name, List<double[]> Data)
{
    public int? Color { get; init; }
    public bool Dashed { get; init; }
    /// <summary>Drawn thin and pale, without a legend entry: a band's edge (e.g. a 95% interval around a curve of the same colour).</summary>
    public bool Faint { get; init; }
}
