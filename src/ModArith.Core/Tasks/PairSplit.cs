namespace ModArith.Core.Tasks;

/// <summary>
/// The alpha split of the p² (x, y) pairs, shuffled once with the run's seed: the first
/// round(alpha·p²) are train pairs, the rest test pairs. Every task uses the same split.
/// </summary>
public sealed class PairSplit
{
    public required IReadOnlyList<InputPair> TrainPairs { get; init; }
    public required IReadOnlyList<InputPair> TestPairs { get; init; }

    /// <summary>round(alpha·p²) with round-half-to-even, as in the paper (alpha 0.5 at p = 29 gives 420).</summary>
    public static int TrainCount(int p, double alpha) => (int)Math.Round(alpha * p * p, MidpointRounding.ToEven);

    public static PairSplit Create(int p, double alpha, int seed)
    {
        var pairs = new InputPair[p * p];
        for (int x = 0; x < p; x++)
            for (int y = 0; y < p; y++)
                pairs[x * p + y] = new InputPair(x, y);
        new Random(Seeds.Derive(seed, Seeds.PairSplit)).Shuffle(pairs);
        int train = TrainCount(p, alpha);
        return new PairSplit { TrainPairs = pairs[..train], TestPairs = pairs[train..] };
    }
}
