namespace ModArith.Core.Tasks;

/// <summary>
/// Independent, stable random streams derived from a run's one seed, so that e.g. changing the
/// batch sampler never changes which tasks a seed picks. (HashCode is randomised per process and
/// must not be used here.)
/// </summary>
public static class Seeds
{
    public const int TaskChoice = 1;
    public const int PairSplit = 2;
    public const int Init = 3;
    public const int Batches = 4;
    public const int Evaluation = 5;
    /// <summary>The structure probes (copy-free contexts and queries, algorithm-agreement contexts).</summary>
    public const int Structure = 6;

    /// <summary>SplitMix64 of (seed, stream), folded to a non-negative int.</summary>
    public static int Derive(int seed, int stream)
    {
        ulong z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)stream * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
