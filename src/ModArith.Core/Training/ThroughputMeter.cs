namespace ModArith.Core.Training;

/// <summary>Steps per second over a sliding window of recent steps, and the ETA it implies.</summary>
public sealed class ThroughputMeter(int window = 50)
{
    private readonly Queue<double> times = new();

    public void Tick(double seconds)
    {
        times.Enqueue(seconds);
        while (times.Count > window + 1) times.Dequeue();
    }

    public double StepsPerSecond
    {
        get
        {
            if (times.Count < 2) return 0;
            double span = times.Last() - times.Peek();
            return span > 0 ? (times.Count - 1) / span : 0;
        }
    }

    public double EtaSeconds(int remainingSteps) => StepsPerSecond > 0 ? remainingSteps / StepsPerSecond : double.NaN;
}
