namespace ModArith.Web.Api.OpenApi;

/// <summary>
/// The numeric range of one config key as <see cref="Core.Config.ConfigValidator"/> enforces it,
/// published in the API's config schema. Bounds that depend on other keys (numTasks ≤ p², a,
/// batchSize a multiple of numTasks) are left to the description; the OpenAPI tests probe every
/// bound here against the validator so the two cannot drift apart.
/// </summary>
public sealed record ConfigKeyRange(string Key, double? Minimum, double? Maximum, bool MinimumExclusive = false, bool MaximumExclusive = false)
{
    public static IReadOnlyList<ConfigKeyRange> All { get; } =
    [
        new("p", 3, Core.Config.ConfigValidator.MaxP),
        new("alpha", 0, 1, MinimumExclusive: true),
        new("examplesPerSequence", 2, 256),
        new("maxOodTasks", 0, null),
        new("numTasks", 1, null),
        new("depth", 1, 48),
        new("dModel", 2, 8192),
        new("heads", 1, null),
        new("mlpRatio", 1, 16),
        new("ropeTheta", 1, null, MinimumExclusive: true),
        new("batchSize", 1, 65536),
        new("steps", 1, null),
        new("learningRate", 0, 1, MinimumExclusive: true, MaximumExclusive: true),
        new("warmupSteps", 0, null),
        new("minLearningRateRatio", 0, 1),
        new("weightDecay", 0, null),
        new("beta1", 0, 1, MaximumExclusive: true),
        new("beta2", 0, 1, MaximumExclusive: true),
        new("gradClip", 0, null),
        new("evalEvery", 1, null),
        new("evalSequences", 1, 65536),
        new("stopPatience", 0, 1_000_000),
        new("checkpointCount", 0, 100),
        new("seed", 0, null),
        new("threads", 0, 1024),
    ];

    public static ConfigKeyRange? For(string key) => All.FirstOrDefault(r => r.Key == key);
}
