using ModArith.Core.Analysis;
using static TorchSharp.torch;

namespace ModArith.Core.Tests.Analysis;

public class FourierSpectrumTests
{
    private static double[][] Spectrum(int p, Func<int, int, double> f)
    {
        var values = new double[p * p];
        for (int x = 0; x < p; x++)
            for (int y = 0; y < p; y++)
                values[x * p + y] = f(x, y);
        var magnitude = FourierSpectrum.Magnitudes(tensor(values).view(1, p, p))[0].contiguous().data<double>().ToArray();
        return Enumerable.Range(0, p).Select(r => magnitude[(r * p)..((r + 1) * p)]).ToArray();
    }

    [Theory]
    [InlineData(29, 5)]
    [InlineData(29, 14)]
    [InlineData(7, 2)]
    public void A_cosine_in_x_peaks_at_its_frequency(int p, int f)
    {
        var spectrum = Spectrum(p, (x, _) => 3 + Math.Cos(2 * Math.PI * f * x / p));
        var peaks = FourierSpectrum.Dominant(spectrum);
        Assert.Equal((f, 0), (peaks[0].Fx, peaks[0].Fy));
        Assert.Equal(1.0, peaks[0].Share, precision: 9);   // all the non-constant power
        Assert.Equal(3.0 * p * p, spectrum[0][0], precision: 6);   // the constant 3 sits at (0, 0)
    }

    [Fact]
    public void A_plane_wave_peaks_at_its_2d_frequency_and_a_mixture_is_ranked_by_power()
    {
        int p = 29;
        var wave = FourierSpectrum.Dominant(Spectrum(p, (x, y) => Math.Cos(2 * Math.PI * (3 * x + 7 * y) / p)));
        Assert.Equal((3, 7), (wave[0].Fx, wave[0].Fy));

        // Frequency 20 ≡ -9: shown as its conjugate's representative (9, -4) for (-9, 4).
        var mix = FourierSpectrum.Dominant(Spectrum(p, (x, y) => 2 * Math.Sin(2 * Math.PI * (20 * x + 4 * y) / p) + Math.Cos(2 * Math.PI * 6 * y / p)));
        Assert.Equal((9, -4), (mix[0].Fx, mix[0].Fy));
        Assert.Equal((0, 6), (mix[1].Fx, mix[1].Fy));
        Assert.Equal(0.8, mix[0].Share, precision: 6);   // power 4 : 1
        Assert.Empty(FourierSpectrum.Dominant(Spectrum(p, (_, _) => 1.5)));
    }
}
