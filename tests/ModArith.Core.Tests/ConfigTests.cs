using ModArith.Core.Config;

namespace ModArith.Core.Tests;

public class ConfigTests
{
    private static IReadOnlyList<ConfigError> ErrorsOf(string? json, params string[] overrides) =>
        Assert.Throws<InvalidConfigException>(() => ConfigLoader.Load(json, overrides)).Errors;

    [Theory]
    [InlineData("p=15", "p")]
    [InlineData("p=2", "p")]
    [InlineData("alpha=0", "alpha")]
    [InlineData("alpha=1.5", "alpha")]
    [InlineData("numTasks=900", "numTasks")]
    [InlineData("numTasks=842", "numTasks")]
    [InlineData("numTasks=510", "numTasks")]      // not a multiple of 4: no whole rectangles
    [InlineData("heads=3", "heads")]              // 3 does not divide 512
    [InlineData("batchSize=1000", "batchSize")]   // not a multiple of numTasks = 512
    [InlineData("steps=-5", "steps")]
    [InlineData("learningRate=0", "learningRate")]
    [InlineData("device=\"tpu\"", "device")]
    [InlineData("taskSplit=diagonal", "taskSplit")]
    [InlineData("depth=2.5", "depth")]
    [InlineData("epochs=3", "epochs")]            // unknown key
    [InlineData("preset=nope", "preset")]
    public void Each_invalid_value_is_reported_by_its_field(string assignment, string field)
    {
        var errors = ErrorsOf(null, assignment);
        Assert.Contains(errors, e => e.Field == field);
    }

    [Fact]
    public void Every_problem_is_listed_not_just_the_first()
    {
        var errors = ErrorsOf("""{ "p": 9, "alpha": 2, "steps": -1, "heads": 5, "bogus": true }""");
        Assert.Equal(new[] { "alpha", "bogus", "heads", "p", "steps" }, errors.Select(e => e.Field).Distinct().Order());
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void Malformed_json_is_rejected_with_a_clear_message()
    {
        var errors = ErrorsOf("{ \"p\": 29, ");
        Assert.Contains(errors, e => e.Message.Contains("not valid JSON"));
        // Checks that System.Text.Json defers until a value is read are made up front, with the key named.
        Assert.Contains(ErrorsOf("{ \"steps\": 10, \"steps\": 20 }"), e => e.Field == "steps" && e.Message.Contains("twice"));
        Assert.Contains(ErrorsOf("{ \"preset\": \"\\ud800\" }"), e => e.Field == "preset" && e.Message.Contains("not valid text"));
        Assert.Contains(ErrorsOf("[1, 2]"), e => e.Message.Contains("JSON object"));
    }

    [Fact]
    public void Rectangle_rule_rejects_n_id_it_cannot_reach()
    {
        var errors = ErrorsOf(null, "p=5", "numTasks=24", "batchSize=24", "maxOodTasks=1");
        Assert.Contains(errors, e => e.Field == "numTasks" && e.Message.Contains("rectangle"));
        // The random rule can take the same number.
        var ok = ConfigLoader.Load(null, ["p=5", "numTasks=24", "batchSize=24", "taskSplit=random", "maxOodTasks=1"]);
        Assert.Equal(24, ok.NumTasks);
    }

    [Fact]
    public void Validation_of_the_rectangle_rule_agrees_with_the_split_the_run_will_draw()
    {
        // At p = 7 the greedy rule saturates somewhere around 36-44 tasks depending on the seed: a
        // config accepted by validation must never fail when the run builds its split.
        var outcomes = new HashSet<(int, bool)>();
        for (int seed = 0; seed < 12; seed++)
            foreach (int numTasks in new[] { 36, 40, 44 })
            {
                string[] keys = ["p=7", $"numTasks={numTasks}", $"batchSize={numTasks}", $"seed={seed}"];
                bool accepted;
                try { ConfigLoader.Load(null, keys); accepted = true; }
                catch (InvalidConfigException e) when (e.Errors.Any(x => x.Field == "numTasks")) { accepted = false; }
                bool drawable;
                try { Tasks.TaskSplit.Create(7, TaskSplitRule.Rectangle, numTasks, 256, seed); drawable = true; }
                catch (InvalidOperationException) { drawable = false; }
                Assert.True(accepted == drawable, $"seed {seed}, n_id {numTasks}: validation {accepted}, split {drawable}");
                outcomes.Add((numTasks, drawable));
            }
        // The check is only meaningful because reachability really does depend on the seed.
        Assert.Contains(outcomes, o => o.Item2 && outcomes.Contains((o.Item1, false)));
    }

    [Fact]
    public void Preset_is_a_base_that_keys_and_overrides_replace()
    {
        var c = ConfigLoader.Load("""{ "preset": "paper-d4", "steps": 300 }""", ["seed=7", "taskSplit=random"]);
        Assert.Equal("paper-d4", c.Preset);
        Assert.Equal(4, c.Depth);          // from the preset
        Assert.Equal(300, c.Steps);        // from the JSON
        Assert.Equal(7, c.Seed);           // from --set
        Assert.Equal(TaskSplitRule.Random, c.TaskSplit);
    }

    [Fact]
    public void Config_round_trips_through_camel_case_json()
    {
        var c = ConfigLoader.Load(null, ["preset=cpu-small", "alpha=0.5", "device=cpu"]);
        var json = ConfigJson.Serialize(c);
        Assert.Contains("\"examplesPerSequence\":", json);
        Assert.Contains("\"device\":\"cpu\"", json);
        Assert.Equal(c, ConfigLoader.Load(json));
    }

    [Fact]
    public void Every_key_is_documented_once_and_presets_are_valid()
    {
        string[] expected = ["preset", "p", "taskSplit", "numTasks", "maxOodTasks", "alpha", "examplesPerSequence", "depth", "dModel", "heads",
            "mlpRatio", "ropeTheta", "batchSize", "steps", "learningRate", "warmupSteps", "minLearningRateRatio", "weightDecay", "beta1", "beta2",
            "gradClip", "evalEvery", "logEvery", "evalSequences", "structureMetrics", "stopPatience", "checkpointCount", "seed", "device", "threads"];
        Assert.Equal(expected.Order(), ConfigSchema.Fields.Select(f => f.Key).Order());
        Assert.All(ConfigSchema.Fields, f => Assert.True(f.Description.Length > 20, f.Key));
        Assert.Equal(["rectangle", "random"], ConfigSchema.Fields.Single(f => f.Key == "taskSplit").AllowedValues);

        Assert.Superset(new HashSet<string> { "paper-d2", "paper-d4", "paper-d6", "cpu-small" }, Presets.All.Select(p => p.Name).ToHashSet());
        foreach (var preset in Presets.All)
        {
            var c = ConfigLoader.Load($$"""{ "preset": "{{preset.Name}}" }""");
            Assert.True(preset.Version >= 1);
            Assert.Equal(preset.Name, c.Preset);
        }
    }

    [Fact]
    public void Paper_presets_carry_the_paper_recipe()
    {
        var c = ConfigLoader.Load(null, ["preset=paper-d2"]);
        Assert.Equal((29, 512, 4, 512, 1024, 200_000, 1.5e-4, 10_000, 0.1, 2.0, 0.98),
            (c.P, c.DModel, c.Heads, c.NumTasks, c.BatchSize, c.Steps, c.LearningRate, c.WarmupSteps, c.MinLearningRateRatio, c.WeightDecay, c.Beta2));
        Assert.Equal(6, ConfigLoader.Load(null, ["preset=paper-d6"]).Depth);
    }
}
