namespace ModArith.Web.Components.Shared;

/// <summary>A dashed horizontal reference line on a chart, e.g. chance accuracy 1/p.</summary>
public sealed record ChartGuide(double Y, string Label);
