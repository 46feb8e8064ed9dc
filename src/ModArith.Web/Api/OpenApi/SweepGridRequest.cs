using System.ComponentModel;

namespace ModArith.Web.Api.OpenApi;

/// <summary>The grid of a sweep request: every combination of the non-empty lists is one run (at least one list non-empty).</summary>
[Description("Every combination of the non-empty lists becomes one run (at least one list must be non-empty; at most Dashboard:MaxSweepRuns runs). A missing or empty list keeps the base config's value.")]
public sealed record SweepGridRequest(
    [property: Description("n_id values (numTasks); each must suit the base config, e.g. divide batchSize.")] int[]? NumTasks = null,
    [property: Description("alpha values, each in (0, 1].")] double[]? Alpha = null,
    [property: Description("depth values, each in 1..48.")] int[]? Depth = null,
    [property: Description("seed values, each >= 0.")] int[]? Seed = null);
