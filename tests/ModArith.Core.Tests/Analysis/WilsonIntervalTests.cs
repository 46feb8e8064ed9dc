using ModArith.Core.Analysis;

namespace ModArith.Core.Tests.Analysis;

public class WilsonIntervalTests
{
    [Fact]
    public void Matches_the_textbook_interval_and_stays_inside_zero_and_one()
    {
        // 8 of 64 right: Wilson 95% interval 0.0647..0.2276 (worked by hand from the formula).
        var (lo, hi) = WilsonInterval.Of(8 / 64.0, 64);
        Assert.Equal(0.0647, lo, 3);
        Assert.Equal(0.2276, hi, 3);

        // 0 of 64 is not "certainly 0": the upper end is ~5.7%; 64 of 64 mirrors it.
        var (zeroLo, zeroHi) = WilsonInterval.Of(0, 64);
        Assert.Equal(0, zeroLo, 9);
        Assert.Equal(0.0566, zeroHi, 3);
        var (allLo, allHi) = WilsonInterval.Of(1, 64);
        Assert.Equal(1 - 0.0566, allLo, 3);
        Assert.Equal(1, allHi);

        // More trials, a narrower interval.
        var (wideLo, wideHi) = WilsonInterval.Of(0.5, 16);
        var (narrowLo, narrowHi) = WilsonInterval.Of(0.5, 1024);
        Assert.True(narrowHi - narrowLo < (wideHi - wideLo) / 7);
    }
}
