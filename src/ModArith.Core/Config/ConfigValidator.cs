using ModArith.Core.Tasks;

namespace ModArith.Core.Config;

/// <summary>The rules a run config must meet before any training starts. Every broken rule is reported.</summary>
public static class ConfigValidator
{
    /// <summary>Largest p accepted: the vocabulary is p tokens and analysis grids are p×p.</summary>
    public const int MaxP = 257;

    public static IReadOnlyList<ConfigError> Validate(RunConfig c)
    {
        var e = new List<ConfigError>();
        void Rule(bool ok, string field, string message) { if (!ok) e.Add(new ConfigError(field, message)); }

        Rule(c.P >= 3 && Primes.IsPrime(c.P) && c.P <= MaxP, "p", $"must be a prime between 3 and {MaxP}; got {c.P}");
        Rule(c.Alpha > 0 && c.Alpha <= 1, "alpha", $"must be in (0, 1]; got {c.Alpha}");
        Rule(c.ExamplesPerSequence is >= 2 and <= 256, "examplesPerSequence", $"must be between 2 and 256; got {c.ExamplesPerSequence}");
        Rule(c.MaxOodTasks >= 0, "maxOodTasks", $"must be >= 0; got {c.MaxOodTasks}");

        bool pOk = c.P >= 3 && Primes.IsPrime(c.P) && c.P <= MaxP;
        int total = pOk ? c.P * c.P : int.MaxValue;
        if (c.NumTasks < 1 || c.NumTasks > total)
            e.Add(new ConfigError("numTasks", $"must be between 1 and p² = {(pOk ? total : "p²")} ; got {c.NumTasks}"));
        else if (c.NumTasks == total && c.MaxOodTasks > 0)
            e.Add(new ConfigError("numTasks", $"uses all {total} tasks, leaving none out-of-distribution; use fewer or set maxOodTasks to 0"));
        else if (pOk && c.TaskSplit == TaskSplitRule.Rectangle && TaskSplit.RectangleRuleProblem(c.P, c.NumTasks, c.Seed) is { } why)
            e.Add(new ConfigError("numTasks", why));

        Rule(c.Depth is >= 1 and <= 48, "depth", $"must be between 1 and 48; got {c.Depth}");
        Rule(c.DModel is >= 2 and <= 8192, "dModel", $"must be between 2 and 8192; got {c.DModel}");
        if (c.Heads < 1) e.Add(new ConfigError("heads", $"must be >= 1; got {c.Heads}"));
        else if (c.DModel % c.Heads != 0) e.Add(new ConfigError("heads", $"must divide dModel ({c.DModel}); got {c.Heads}"));
        else if ((c.DModel / c.Heads) % 2 != 0) e.Add(new ConfigError("heads", $"dModel / heads must be even for rotary embeddings; got head dim {c.DModel / c.Heads}"));
        Rule(c.MlpRatio is >= 1 and <= 16, "mlpRatio", $"must be between 1 and 16; got {c.MlpRatio}");
        Rule(c.RopeTheta > 1, "ropeTheta", $"must be > 1; got {c.RopeTheta}");

        if (c.BatchSize < 1 || c.BatchSize > 65536) e.Add(new ConfigError("batchSize", $"must be between 1 and 65536; got {c.BatchSize}"));
        else if (c.NumTasks >= 1 && c.BatchSize % c.NumTasks != 0)
            e.Add(new ConfigError("batchSize", $"must be a multiple of numTasks ({c.NumTasks}) so every batch holds each i.d. task equally often; got {c.BatchSize}"));
        Rule(c.Steps >= 1, "steps", $"must be >= 1; got {c.Steps}");
        Rule(c.LearningRate > 0 && c.LearningRate < 1, "learningRate", $"must be in (0, 1); got {c.LearningRate}");
        // A warm-up longer than the run is allowed: the learning rate then never reaches its peak.
        Rule(c.WarmupSteps >= 0, "warmupSteps", $"must be >= 0; got {c.WarmupSteps}");
        Rule(c.MinLearningRateRatio is >= 0 and <= 1, "minLearningRateRatio", $"must be in [0, 1]; got {c.MinLearningRateRatio}");
        Rule(c.WeightDecay >= 0, "weightDecay", $"must be >= 0; got {c.WeightDecay}");
        Rule(c.Beta1 is >= 0 and < 1, "beta1", $"must be in [0, 1); got {c.Beta1}");
        Rule(c.Beta2 is >= 0 and < 1, "beta2", $"must be in [0, 1); got {c.Beta2}");
        Rule(c.GradClip >= 0, "gradClip", $"must be >= 0 (0 = off); got {c.GradClip}");

        Rule(c.EvalEvery >= 1, "evalEvery", $"must be >= 1; got {c.EvalEvery}");
        Rule(c.LogEvery is >= 1 and <= 1_000_000, "logEvery", $"must be between 1 and 1000000 steps; got {c.LogEvery}");
        Rule(c.EvalSequences is >= 1 and <= 65536, "evalSequences", $"must be between 1 and 65536; got {c.EvalSequences}");
        Rule(c.StopPatience is >= 0 and <= 1_000_000, "stopPatience", $"must be between 0 (off) and 1000000 evaluations; got {c.StopPatience}");
        Rule(c.CheckpointCount is >= 0 and <= 100, "checkpointCount", $"must be between 0 and 100; got {c.CheckpointCount}");
        Rule(c.Seed >= 0, "seed", $"must be >= 0; got {c.Seed}");
        Rule(c.Threads is >= 0 and <= 1024, "threads", $"must be between 0 (all cores) and 1024; got {c.Threads}");
        return e;
    }
}
