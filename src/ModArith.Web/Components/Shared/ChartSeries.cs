namespace ModArith.Web.Components.Shared;

/// <summary>One line of a chart: a name for the legend and its (x, y) points.</summary>
public sealed record ChartSeries(string Name, List<double[]> Data);
