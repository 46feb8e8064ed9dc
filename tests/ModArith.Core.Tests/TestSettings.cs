using ModArith.Core.Config;

// libtorch's thread count is process-wide: tests that compare two runs bit for bit must not have
// another test change it between them, so test classes run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace ModArith.Core.Tests;

/// <summary>Configs small enough for a test to train in seconds on one CPU thread.</summary>
public static class TinyConfigs
{
    public static RunConfig Tiny(int steps = 40) => new()
    {
        P = 7,
        NumTasks = 8,
        Alpha = 0.8,
        ExamplesPerSequence = 6,
        Depth = 2,
        DModel = 32,
        Heads = 2,
        MlpRatio = 4,
        BatchSize = 32,
        Steps = steps,
        LearningRate = 1e-3,
        WarmupSteps = 5,
        WeightDecay = 0.1,
        EvalEvery = 10,
        EvalSequences = 64,
        CheckpointCount = 2,
        Threads = 1,
        Device = DeviceChoice.Cpu,
    };
}
