namespace ModArith.Web.Components.Shared;

/// <summary>
/// One line of a chart: a name for the legend (drawn as text) and its (x, y) points.
/// <see cref="Color"/> picks a palette entry (default: the series' position), so related lines
/// (an evaluation set's mean and last-shot accuracy) can share a colour; <see cref="Dashed"/> draws it dashed.
/// </summary>
public sealed record ChartSeries(string Name, List<double[]> Data)
{
    public int? Color { get; init; }
    public bool Dashed { get; init; }
}
