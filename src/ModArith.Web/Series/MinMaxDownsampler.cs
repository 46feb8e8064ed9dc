namespace ModArith.Web.Series;

/// <summary>
/// Min/max-per-bucket downsampling of a step-ordered curve, so a chart gets a bounded number of
/// points that still shows every spike and dip: keeps the first and last point and, from each of
/// (maxPoints - 2) / 2 equal buckets of the points between, the lowest and the highest (in step
/// order). Non-finite values are ignored when choosing; a bucket with none keeps its first point.
/// The browser module does the same to live-appended points (wwwroot/js/charts/series.js).
/// </summary>
public static class MinMaxDownsampler
{
    /// <summary>Indices of the points to keep, ascending; all of them when there are at most <paramref name="maxPoints"/>.</summary>
    public static int[] Select(IReadOnlyList<double> values, int maxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPoints);
        int n = values.Count;
        if (n <= maxPoints) return Enumerable.Range(0, n).ToArray();
        if (maxPoints == 0) return [];
        if (maxPoints == 1) return [n - 1];
        int buckets = (maxPoints - 2) / 2;
        var keep = new List<int>(maxPoints) { 0 };
        int inner = n - 2;
        for (int b = 0; b < buckets; b++)
        {
            int start = 1 + (int)((long)b * inner / buckets);
            int end = 1 + (int)((long)(b + 1) * inner / buckets);
            int minI = -1, maxI = -1;
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int i = start; i < end; i++)
            {
                double v = values[i];
                if (!double.IsFinite(v)) continue;
                if (v < min) { min = v; minI = i; }
                if (v > max) { max = v; maxI = i; }
            }
            if (minI < 0) keep.Add(start);
            else if (minI == maxI) keep.Add(minI);
            else { keep.Add(Math.Min(minI, maxI)); keep.Add(Math.Max(minI, maxI)); }
        }
        keep.Add(n - 1);
        return keep.ToArray();
    }
}
