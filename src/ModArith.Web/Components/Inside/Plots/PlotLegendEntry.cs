namespace ModArith.Web.Components.Inside.Plots;

/// <summary>A legend swatch: a CSS colour and what it stands for.</summary>
public sealed record PlotLegendEntry(string Color, string Label);
