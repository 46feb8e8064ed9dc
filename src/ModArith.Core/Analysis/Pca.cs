using static TorchSharp.torch;

namespace ModArith.Core.Analysis;

/// <summary>
/// Principal component analysis by eigen-decomposition of the (small) covariance matrix, in double
/// precision on the CPU: d×d when there are more points than dimensions, otherwise the n×n Gram
/// matrix of the centred points (same non-zero spectrum, cheaper).
/// </summary>
public static class Pca
{
    /// <summary>Top components of the rows of <paramref name="points"/> [n, d]. Each component's sign is fixed so its largest projection is positive.</summary>
    public static PcaResult Of(Tensor points, int components)
    {
        var x = points.to(ScalarType.Float64).cpu();
        long n = x.shape[0], d = x.shape[1];
        int c = (int)Math.Min(components, Math.Min(n, d));
        var centred = x - x.mean([0], keepdim: true);
        Tensor eigenvalues, directions;   // directions [d, c], largest first
        if (n >= d)
        {
            var (values, vectors) = linalg.eigh(centred.t().matmul(centred));
            eigenvalues = values.flip(0)[..c];
            directions = vectors.flip(1)[.., ..c];
        }
        else
        {
            var (values, vectors) = linalg.eigh(centred.matmul(centred.t()));
            eigenvalues = values.flip(0)[..c];
            // Gram eigenvector u gives the direction Xᵀu / ‖Xᵀu‖.
            var raw = centred.t().matmul(vectors.flip(1)[.., ..c]);
            directions = raw / raw.norm(0, keepdim: true).clamp_min(1e-300);
        }
        var total = centred.pow(2).sum().item<double>();
        var projections = centred.matmul(directions);   // [n, c]
        // Fix the arbitrary sign of each eigenvector so results are reproducible.
        var largest = projections.gather(0, projections.abs().argmax(0, keepdim: true)).sign();
        largest = where(largest.eq(0), ones_like(largest), largest);
        projections *= largest;
        directions *= largest;
        var explained = eigenvalues.clamp_min(0).data<double>().Select(v => total > 0 ? v / total : 0).ToArray();
        return new PcaResult(explained, Rows(projections), Rows(directions.t().contiguous()));
    }

    private static double[][] Rows(Tensor t)
    {
        long rows = t.shape[0], cols = t.shape[1];
        var flat = t.contiguous().data<double>().ToArray();
        return Enumerable.Range(0, (int)rows).Select(r => flat.AsSpan((int)(r * cols), (int)cols).ToArray()).ToArray();
    }
}
