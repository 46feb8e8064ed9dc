using static TorchSharp.torch;

namespace ModArith.Core.Analysis;

/// <summary>
/// The 2-D discrete Fourier transform of p×p maps over Z_p × Z_p. A neuron that computes a
/// function of (x, y) through periodic features shows a few sharp peaks.
/// </summary>
public static class FourierSpectrum
{
    /// <summary>|DFT| of each map: [n, p, p] → [n, p, p], index [kx, ky] for frequencies 0..p-1.</summary>
    public static Tensor Magnitudes(Tensor maps) =>
        fft.fft2(maps.to(ScalarType.Float64)).abs();

    /// <summary>
    /// The strongest frequencies of one map's magnitude spectrum (p×p), the constant term left out and
    /// each conjugate pair counted once. Empty for a constant map.
    /// </summary>
    public static IReadOnlyList<FrequencyPeak> Dominant(double[][] magnitude, int count = 3)
    {
        int p = magnitude.Length;
        var power = new List<(int Kx, int Ky, double Power)>();
        double total = 0;
        for (int kx = 0; kx < p; kx++)
            for (int ky = 0; ky < p; ky++)
            {
                if (kx == 0 && ky == 0) continue;
                double pw = magnitude[kx][ky] * magnitude[kx][ky];
                total += pw;
                var (sx, sy) = (Signed(kx, p), Signed(ky, p));
                // One representative per conjugate pair: the one with Fx > 0, or Fx = 0 and Fy > 0.
                // (At p = 2 a frequency is its own conjugate; it is kept as is.)
                if (sx < 0 || (sx == 0 && sy < 0)) continue;
                bool selfConjugate = Signed(p - kx, p) == sx && Signed(p - ky, p) == sy;
                power.Add((sx, sy, selfConjugate ? pw : 2 * pw));
            }
        if (total <= 1e-12) return [];
        return power.OrderByDescending(f => f.Power).Take(count).Select(f => new FrequencyPeak(f.Kx, f.Ky, f.Power / total)).ToList();
    }

    /// <summary>k in 0..p-1 as a signed frequency: k ≤ p/2 stays, larger k is k - p.</summary>
    public static int Signed(int k, int p) => 2 * k <= p ? k : k - p;
}
