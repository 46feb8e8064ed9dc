namespace ModArith.Web.Components.Inside.Plots;

/// <summary>A symbol drawn over every cell of a heatmap whose <see cref="Mask"/> entry is true.</summary>
public sealed record HeatmapMark(bool[][] Mask, HeatmapMarkStyle Style, string Color);
