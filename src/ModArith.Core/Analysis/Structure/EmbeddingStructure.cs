namespace ModArith.Core.Analysis.Structure;

/// <summary>
/// How much of the number tokens' embedding lies on a few frequencies over the token index mod p:
/// the "circle" forming. For each frequency f = 1..(p-1)/2 (f and p-f together), the power of the
/// discrete Fourier transform of the p embedding rows, summed over dimensions; the share of the
/// non-constant power in the strongest one. A random embedding spreads it evenly (≈ 2/(p-1)); an
/// embedding on one circle puts all of it on one frequency (1).
/// </summary>
public static class EmbeddingStructure
{
    /// <param name="embedding">Rows 0..p-1 (the number tokens), each of dimension d.</param>
    public static double TopFrequencyShare(float[][] embedding, int p) => FrequencyPower(embedding, p) is var power && power.Sum() is var total && total > 0
        ? power.Max() / total
        : 0;

    /// <summary>Non-constant power per frequency f = 1..(p-1)/2.</summary>
    public static double[] FrequencyPower(float[][] embedding, int p)
    {
        var power = new double[(p - 1) / 2];
        int d = embedding[0].Length;
        for (int f = 1; f <= power.Length; f++)
        {
            for (int j = 0; j < d; j++)
            {
                double re = 0, im = 0;
                for (int t = 0; t < p; t++)
                {
                    double angle = 2 * Math.PI * f * t / p;
                    re += embedding[t][j] * Math.Cos(angle);
                    im -= embedding[t][j] * Math.Sin(angle);
                }
                power[f - 1] += 2 * (re * re + im * im); // f and p - f carry the same power
            }
        }
        return power;
    }
}
