using ModArith.Core.Analysis;
using TorchSharp;
using static TorchSharp.torch;

namespace ModArith.Core.Tests.Analysis;

public class PcaTests
{
    [Theory]
    [InlineData(400, 6)]    // more points than dimensions: d×d covariance
    [InlineData(5, 40)]     // fewer: n×n Gram matrix
    public void Recovers_known_directions_and_their_share_of_variance(int n, int d)
    {
        using var g = new Generator(7);
        var basis = linalg.qr(randn([d, 2], dtype: ScalarType.Float64, generator: g)).Q;   // orthonormal u, w
        var u = basis[.., 0];
        var w = basis[.., 1];
        // Centred coordinates t (large) and s (small), made exactly uncorrelated, so the principal
        // axes are u and w and their variances are Σt² and Σs².
        var t = randn([n], dtype: ScalarType.Float64, generator: g) * 5;
        t -= t.mean();
        var s = randn([n], dtype: ScalarType.Float64, generator: g);
        s -= s.mean();
        s -= t * (s.dot(t) / t.dot(t));
        var points = t.unsqueeze(1) * u + s.unsqueeze(1) * w + 10;   // offset: PCA must centre

        var pca = Pca.Of(points, components: 2);

        Assert.True(Math.Abs(tensor(pca.Components[0]).dot(u).item<double>()) > 1 - 1e-9, "first component should be ±u");
        Assert.True(Math.Abs(tensor(pca.Components[1]).dot(w).item<double>()) > 1 - 1e-9, "second component should be ±w");
        double vt = t.dot(t).item<double>(), vs = s.dot(s).item<double>();
        Assert.Equal(vt / (vt + vs), pca.ExplainedVariance[0], precision: 9);
        Assert.Equal(vs / (vt + vs), pca.ExplainedVariance[1], precision: 9);
        Assert.Equal(n, pca.Projections.Length);
        // Projections are the centred points' coordinates: reconstructing from the two components is exact.
        var projected = tensor(pca.Projections.SelectMany(r => r).ToArray()).view(n, 2).matmul(tensor(pca.Components.SelectMany(r => r).ToArray()).view(2, d));
        Assert.True(projected.allclose(points - points.mean([0], keepdim: true), atol: 1e-9));
    }
}
