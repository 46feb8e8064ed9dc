namespace ModArith.Web.Components.Inside.Plots;

/// <summary>Values prepared for sending to the browser.</summary>
public static class PlotValues
{
    /// <summary>Rounded to 4 decimals: what a plot can show, at a fraction of the payload.</summary>
    public static double[][] Rounded(double[][] values) => values.Select(r => r.Select(v => Math.Round(v, 4)).ToArray()).ToArray();
}
