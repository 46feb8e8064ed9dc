namespace ModArith.Web.Components.Inside.Plots;

/// <summary>The symbol of a <see cref="HeatmapMark"/> (serialised as "dot", "ring" or "cross").</summary>
public enum HeatmapMarkStyle
{
    Dot,
    Ring,
    Cross,
}
