using System.Diagnostics;

namespace ModArith.Core.Training;

/// <summary>Wall time spent in each phase of a training step, summed (a cheap built-in profile).</summary>
public sealed class StepTimings
{
    private long data, forward, backward, optimizer;

    public void Add(long dataTicks, long forwardTicks, long backwardTicks, long optimizerTicks)
    {
        data += dataTicks;
        forward += forwardTicks;
        backward += backwardTicks;
        optimizer += optimizerTicks;
    }

    public void Reset() => data = forward = backward = optimizer = 0;

    public double DataSeconds => Seconds(data);
    public double ForwardSeconds => Seconds(forward);
    public double BackwardSeconds => Seconds(backward);
    public double OptimizerSeconds => Seconds(optimizer);

    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;
}
