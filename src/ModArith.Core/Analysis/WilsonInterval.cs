namespace ModArith.Core.Analysis;

/// <summary>
/// The Wilson score interval of a proportion measured on n independent trials: how far an accuracy
/// measured on a sample of sequences may be from the model's true accuracy. Unlike p ± z·√(p(1-p)/n)
/// it stays inside [0, 1] and does not collapse to a point at 0% or 100%, where small samples sit.
/// </summary>
public static class WilsonInterval
{
    /// <summary>z of a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    public static (double Lower, double Upper) Of(double proportion, int trials, double z = Z95)
    {
        if (trials <= 0) return (0, 1);
        double p = Math.Clamp(proportion, 0, 1), n = trials, z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
