using System.Text.Json.Nodes;
using ModArith.Core.Config;

namespace ModArith.Core.Sweeps;

/// <summary>
/// Turns a sweep spec into validated run configs: base config + one grid point each, every one
/// checked by the engine's own <see cref="ConfigLoader"/>. A problem caused by a swept value is
/// reported at that value ("grid.numTasks[2]"), any other at its base key ("base.steps"). Either
/// every run is valid or none is planned.
/// </summary>
public static class SweepPlanner
{
    /// <summary>Default cap on the runs of one sweep (the dashboard's Dashboard:MaxSweepRuns overrides it).</summary>
    public const int DefaultMaxRuns = 64;

    /// <param name="maxRunsSetting">Where the cap comes from (e.g. "Dashboard:MaxSweepRuns"), named in the error so the reader knows what to change.</param>
    public static (SweepPlan? Plan, IReadOnlyList<ConfigError> Errors) Plan(JsonNode? body, int maxRuns = DefaultMaxRuns, string? maxRunsSetting = null)
    {
        var (spec, errors) = SweepParser.Parse(body, maxRuns, maxRunsSetting);
        return spec is null ? (null, errors) : Plan(spec, maxRuns, maxRunsSetting);
    }

    public static (SweepPlan? Plan, IReadOnlyList<ConfigError> Errors) Plan(SweepSpec spec, int maxRuns = DefaultMaxRuns, string? maxRunsSetting = null)
    {
        long count = spec.Grid.RunCount;
        if (count > maxRuns)
        {
            var shape = string.Join(" × ", spec.Grid.SweptKeys.Select(k => $"{spec.Grid.CountOf(k)} {k}"));
            var source = maxRunsSetting is null ? "" : $" ({maxRunsSetting})";
            return (null, [new ConfigError("grid", $"expands to {count} runs ({shape}); at most {maxRuns} runs per sweep on this server{source}")]);
        }

        var errors = new List<ConfigError>();
        var runs = new List<SweepRunPlan>();
        foreach (var point in spec.Grid.Points())
        {
            try
            {
                runs.Add(new SweepRunPlan(point, ConfigLoader.FromObject(point.ApplyTo(spec.Base))));
            }
            catch (InvalidConfigException e)
            {
                foreach (var error in e.Errors)
                {
                    var mapped = Locate(error, point, spec.Grid);
                    if (!errors.Contains(mapped)) errors.Add(mapped);
                }
            }
        }
        return errors.Count > 0 ? (null, errors) : (new SweepPlan(spec, runs), []);
    }

    /// <summary>Names the field the user wrote: the grid value that was swept in, else the base key.</summary>
    private static ConfigError Locate(ConfigError error, SweepPoint point, SweepGrid grid)
    {
        if (point.GridField(error.Field) is { } gridField) return error with { Field = gridField };
        // Balanced batches need batchSize to be a multiple of n_id; with n_id swept the fix is a
        // batch size that suits every value, so say which value broke it and what would work.
        if (error.Field == "batchSize" && point.NumTasks is { } n && error.Message.Contains("multiple of numTasks", StringComparison.Ordinal))
            return new ConfigError(point.GridField("numTasks")!,
                $"n_id = {n.Value} does not divide base.batchSize: batchSize must be a multiple of numTasks (every batch holds each i.d. task equally often); " +
                $"use a base.batchSize that is a multiple of every numTasks value, e.g. {LeastCommonMultiple(grid.NumTasks)}");
        if (error.Field == "(config)") return error with { Field = "base" };
        return error with { Field = "base." + error.Field };
    }

    private static long LeastCommonMultiple(IEnumerable<int> values) =>
        values.Where(v => v > 0).Aggregate(1L, (l, v) => l / Gcd(l, v) * v);

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
