namespace ModArith.Core.Sweeps;

/// <summary>
/// The values swept: every combination of the non-empty lists becomes one run. An empty list
/// means the base config's value is kept for that key.
/// </summary>
public sealed record SweepGrid(IReadOnlyList<int> NumTasks, IReadOnlyList<double> Alpha, IReadOnlyList<int> Depth, IReadOnlyList<int> Seed)
{
    /// <summary>The config keys a grid may sweep, in expansion order (the first varies slowest).</summary>
    public static readonly IReadOnlyList<string> Keys = ["numTasks", "alpha", "depth", "seed"];

    /// <summary>Number of runs: the product of the non-empty lists' lengths (0 when every list is empty).</summary>
    public long RunCount => IsEmpty ? 0 : Math.Max(1, NumTasks.Count) * (long)Math.Max(1, Alpha.Count) * Math.Max(1, Depth.Count) * Math.Max(1, Seed.Count);

    public bool IsEmpty => NumTasks.Count == 0 && Alpha.Count == 0 && Depth.Count == 0 && Seed.Count == 0;

    /// <summary>The keys with at least one value.</summary>
    public IEnumerable<string> SweptKeys => Keys.Where(k => CountOf(k) > 0);

    public int CountOf(string key) => key switch
    {
        "numTasks" => NumTasks.Count,
        "alpha" => Alpha.Count,
        "depth" => Depth.Count,
        "seed" => Seed.Count,
        _ => 0,
    };

    /// <summary>Every combination, numTasks varying slowest and seed fastest.</summary>
    public IEnumerable<SweepPoint> Points()
    {
        if (IsEmpty) yield break;
        foreach (var n in Optional(NumTasks))
        foreach (var a in Optional(Alpha))
        foreach (var d in Optional(Depth))
        foreach (var s in Optional(Seed))
            yield return new SweepPoint(n, a, d, s);
    }

    // An empty list contributes one "not swept" value, so it does not empty the product.
    private static IEnumerable<(T Value, int Index)?> Optional<T>(IReadOnlyList<T> values) =>
        values.Count == 0 ? [null] : values.Select((v, i) => ((T, int)?)(v, i));
}
