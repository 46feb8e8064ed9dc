using System.Text.Json.Nodes;
using ModArith.Core.Config;
using ModArith.Core.Sweeps;

namespace ModArith.Core.Tests.Sweeps;

public sealed class SweepPlannerTests
{
    private static JsonNode Body(string json) => JsonNode.Parse(json)!;

    private static SweepPlan PlanOf(string json, int maxRuns = 64)
    {
        var (plan, errors) = SweepPlanner.Plan(Body(json), maxRuns);
        Assert.True(plan is not null, string.Join("; ", errors));
        return plan!;
    }

    private static IReadOnlyList<ConfigError> ErrorsOf(string json, int maxRuns = 64)
    {
        var (plan, errors) = SweepPlanner.Plan(Body(json), maxRuns);
        Assert.Null(plan);
        return errors;
    }

    [Fact]
    public void A_grid_expands_to_every_combination_and_each_run_differs_from_the_base_only_in_the_swept_keys()
    {
        var plan = PlanOf("""
            { "name": "g", "base": { "preset": "cpu-small", "batchSize": 240, "steps": 500 },
              "grid": { "numTasks": [8, 16, 24], "alpha": [0.4, 0.8], "seed": [0, 1] } }
            """);
        Assert.Equal(3 * 2 * 2, plan.Runs.Count);
        var baseConfig = ConfigLoader.Load("""{ "preset": "cpu-small", "batchSize": 240, "steps": 500 }""");
        string[] swept = ["numTasks", "alpha", "seed"];
        foreach (var run in plan.Runs)
        {
            var differing = ConfigSchema.Fields
                .Where(f => !Equals(ConfigSchema.ValueOf(f, run.Config), ConfigSchema.ValueOf(f, baseConfig)))
                .Select(f => f.Key).ToHashSet();
            Assert.Subset(swept.ToHashSet(), differing);
            Assert.Equal(run.Point.NumTasks!.Value.Value, run.Config.NumTasks);
            Assert.Equal(run.Point.Alpha!.Value.Value, run.Config.Alpha);
            Assert.Equal(run.Point.Seed!.Value.Value, run.Config.Seed);
            Assert.Equal(baseConfig.Depth, run.Config.Depth);
        }
        // Every combination exactly once.
        Assert.Equal(12, plan.Runs.Select(r => (r.Config.NumTasks, r.Config.Alpha, r.Config.Seed)).Distinct().Count());
    }

    [Fact]
    public void The_paper_phase_diagram_ships_as_a_ready_sweep_that_expands_to_28_valid_runs()
    {
        var spec = SweepPresets.Find("paper-phase-diagram");
        Assert.NotNull(spec);
        var (plan, errors) = SweepPlanner.Plan(spec!);
        Assert.Empty(errors);
        Assert.Equal(7 * 4, plan!.Runs.Count);
        Assert.All(plan.Runs, r => Assert.Equal("paper-d2", r.Config.Preset));
        Assert.All(SweepPresets.All, s => Assert.Empty(SweepPlanner.Plan(s).Errors));
    }

    [Fact]
    public void An_empty_grid_is_refused_by_name()
    {
        var errors = ErrorsOf("""{ "name": "e", "base": { "preset": "cpu-small" }, "grid": { "alpha": [] } }""");
        Assert.Equal("grid", Assert.Single(errors).Field);
        Assert.Contains("empty", errors[0].Message);
    }

    [Fact]
    public void A_bad_swept_value_is_reported_at_its_place_in_the_grid()
    {
        var errors = ErrorsOf("""{ "name": "b", "base": { "preset": "cpu-small" }, "grid": { "alpha": [0.4, 1.5], "depth": [2, "two"] } }""");
        Assert.Contains(errors, e => e.Field == "grid.depth[1]" && e.Message.Contains("integer"));
        // Types first: the alpha range is checked when the grid reads.
        var ranges = ErrorsOf("""{ "name": "b", "base": { "preset": "cpu-small" }, "grid": { "alpha": [0.4, 1.5] } }""");
        var alpha = Assert.Single(ranges);
        Assert.Equal("grid.alpha[1]", alpha.Field);
        Assert.Contains("(0, 1]", alpha.Message);
    }

    [Fact]
    public void A_batch_size_that_some_numTasks_does_not_divide_is_blamed_on_that_value_with_a_fix()
    {
        // cpu-small's batch is 120: 8 and 20 divide it, 16 does not.
        var error = Assert.Single(ErrorsOf("""{ "name": "m", "base": { "preset": "cpu-small" }, "grid": { "numTasks": [8, 16, 20] } }"""));
        Assert.Equal("grid.numTasks[1]", error.Field);
        Assert.Contains("batchSize must be a multiple of numTasks", error.Message);
        Assert.Contains("80", error.Message); // lcm(8, 16, 20)
    }

    [Fact]
    public void Problems_in_the_base_config_and_unknown_keys_are_named()
    {
        var errors = ErrorsOf("""{ "name": "u", "colour": 1, "base": { "preset": "cpu-small", "stepz": 5, "steps": 0 }, "grid": { "numTasks": [8], "width": [1] } }""");
        var fields = errors.Select(e => e.Field).ToHashSet();
        Assert.Contains("colour", fields);
        Assert.Contains("grid.width", fields);
        var baseErrors = ErrorsOf("""{ "name": "u", "base": { "preset": "cpu-small", "stepz": 5, "steps": 0 }, "grid": { "numTasks": [8] } }""").Select(e => e.Field).ToList();
        Assert.Equal(["base.steps", "base.stepz"], baseErrors.Order());
    }

    [Fact]
    public void More_runs_than_the_cap_are_refused_before_any_is_planned()
    {
        var error = Assert.Single(ErrorsOf("""{ "name": "c", "base": { "preset": "cpu-small" }, "grid": { "alpha": [0.2, 0.4, 0.6], "seed": [0, 1] } }""", maxRuns: 5));
        Assert.Equal("grid", error.Field);
        Assert.Contains("6 runs", error.Message);
        Assert.Contains("at most 5", error.Message);
    }

    [Fact]
    public void A_list_longer_than_the_run_cap_is_refused_at_the_list_without_reading_its_values()
    {
        // 150,000 equal values: read one by one with a quadratic duplicate check this took seconds.
        var body = $$"""{ "name": "c", "base": { "preset": "cpu-small" }, "grid": { "seed": [{{string.Join(',', Enumerable.Repeat(1, 150_000))}}] } }""";
        var error = Assert.Single(ErrorsOf(body, maxRuns: 64));
        Assert.Equal("grid.seed", error.Field);
        Assert.Contains("150000 values", error.Message);
        Assert.Contains("at most 64", error.Message);
    }

    [Fact]
    public void A_key_both_in_the_base_and_in_the_grid_is_refused_at_the_base()
    {
        var errors = ErrorsOf("""{ "name": "c", "base": { "preset": "cpu-small", "seed": { "a": 1 } }, "grid": { "seed": [0, 1] } }""");
        var error = Assert.Single(errors);
        Assert.Equal("base.seed", error.Field);
        Assert.Contains("grid.seed", error.Message);
    }
}
