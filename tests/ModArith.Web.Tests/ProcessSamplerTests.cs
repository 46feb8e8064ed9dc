using ModArith.Web.Runs.Telemetry;

namespace ModArith.Web.Tests;

/// <summary>When the training process is sampled for the system panel.</summary>
public sealed class ProcessSamplerTests
{
    [Fact]
    public async Task The_first_measurable_step_is_sampled_then_only_every_interval_or_when_forced()
    {
        var sampler = new ProcessSampler();
        await Task.Delay(80); // past the 50 ms it needs to measure CPU use
        var first = sampler.SampleIfDue(3);
        Assert.NotNull(first); // an attempt cancelled after a second still has a sample
        Assert.Equal(3, first.Step);
        Assert.Null(sampler.SampleIfDue(4)); // not due: 2 s apart at least
        await Task.Delay(80);
        Assert.Null(sampler.SampleIfDue(5));
        Assert.NotNull(sampler.SampleIfDue(6, force: true)); // the last step
    }
}
