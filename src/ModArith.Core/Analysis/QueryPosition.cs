namespace ModArith.Core.Analysis;

/// <summary>A token position of the query example: its x, its y (where z is predicted) or its z.</summary>
public enum QueryPosition
{
    X,
    Y,
    Z,
}
