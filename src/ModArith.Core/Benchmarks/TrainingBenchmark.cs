using System.Diagnostics;
using ModArith.Core.Config;
using ModArith.Core.Model;
using ModArith.Core.Torch;
using ModArith.Core.Training;
using static TorchSharp.torch;

namespace ModArith.Core.Benchmarks;

/// <summary>Throughput of training steps, in tokens/s and achieved FLOP/s.</summary>
public sealed record ThroughputResult(string Name, int BatchSize, int Tokens, long Parameters, double SecondsPerStep, double TokensPerSecond, double FlopsPerStep, double AchievedGflops,
    double DataShare, double ForwardShare, double BackwardShare, double OptimizerShare);

/// <summary>Measures training throughput and the machine's fp32 GEMM peak, in the same process.</summary>
public static class TrainingBenchmark
{
    /// <summary>
    /// Training FLOPs per step: 6 × parameters × tokens (forward + backward of every weight) plus
    /// attention's QKᵀ and AV products, 12 × depth × T × d per token (full, not halved for causality).
    /// </summary>
    public static double FlopsPerStep(RunConfig c)
    {
        double tokens = (double)c.BatchSize * c.ContextLength;
        double weights = 6.0 * ModelShape.From(c).ParameterCount * tokens;
        double attention = 12.0 * c.Depth * c.ContextLength * c.DModel * tokens;
        return weights + attention;
    }

    public static ThroughputResult MeasureTraining(string name, RunConfig config, int warmupSteps, int measuredSteps)
    {
        using var run = TrainingRun.Start(config with { Steps = warmupSteps + measuredSteps + 1, WarmupSteps = 0, CheckpointCount = 0 });
        TorchRuntime.UseThreads(config.Threads);
        for (int i = 0; i < warmupSteps; i++) run.TrainStep();
        run.Timings.Reset();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < measuredSteps; i++) run.TrainStep();
        double perStep = clock.Elapsed.TotalSeconds / measuredSteps;
        int tokens = config.BatchSize * config.ContextLength;
        double flops = FlopsPerStep(config);
        double total = clock.Elapsed.TotalSeconds;
        var t = run.Timings;
        return new ThroughputResult(name, config.BatchSize, tokens, ModelShape.From(config).ParameterCount, perStep, tokens / perStep, flops, flops / perStep / 1e9,
            t.DataSeconds / total, t.ForwardSeconds / total, t.BackwardSeconds / total, t.OptimizerSeconds / total);
    }

    /// <summary>fp32 matrix-multiply throughput (GFLOP/s) at size n×n, the yardstick for "% of peak".</summary>
    public static double MeasureGemmPeak(int n = 2048, int repeats = 10, int threads = 0)
    {
        TorchRuntime.UseThreads(threads);
        using var scope = NewDisposeScope();
        using var generator = new Generator(1);
        var a = randn([n, n], generator: generator);
        var b = randn([n, n], generator: generator);
        var c = empty(n, n);
        for (int i = 0; i < 2; i++) matmul(a, b, c); // warm up
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < repeats; i++) matmul(a, b, c);
        return 2.0 * n * n * n * repeats / clock.Elapsed.TotalSeconds / 1e9;
    }

    private static void matmul(Tensor a, Tensor b, Tensor into) => into.copy_(a.matmul(b));
}
