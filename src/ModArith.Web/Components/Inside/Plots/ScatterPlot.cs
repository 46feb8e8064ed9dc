namespace ModArith.Web.Components.Inside.Plots;

/// <summary>
/// Points (x, y) coloured by a whole-number value each: on a colour wheel of <see cref="Period"/>
/// (residues mod p) or from a <see cref="Palette"/>.
/// </summary>
public sealed record ScatterPlot(string Id, double[][] Points) : CanvasPlot(Id)
{
    /// <summary>The value each point is coloured by.</summary>
    public int[]? ColorValues { get; init; }
    /// <summary>Period of the colour wheel (p for residues), explained by <see cref="ColorTitle"/>.</summary>
    public int? Period { get; init; }
    public string? ColorTitle { get; init; }
    public IReadOnlyList<string>? Palette { get; init; }
    /// <summary>Hover text of each point.</summary>
    public IReadOnlyList<string>? Labels { get; init; }
    /// <summary>Point radius in CSS pixels (default: smaller when there are many points).</summary>
    public double? Radius { get; init; }
}
