using System.Globalization;
using System.Text.Json.Nodes;
using ModArith.Core.Config;
using ModArith.Web.Api.OpenApi;

namespace ModArith.Web.Tests.OpenApi;

/// <summary>
/// The ranges the API documents for config keys are the engine's: a bound itself is accepted and
/// the value just beyond it is refused, naming the key (probed through the engine's own loader).
/// </summary>
public sealed class ConfigKeyRangeTests
{
    // Keys whose bound value breaks a rule tying it to other keys in cpu-small: these companions make the bound itself valid.
    private static readonly Dictionary<string, string> Companions = new()
    {
        ["p"] = """ "taskSplit": "random", "numTasks": 4, "batchSize": 120 """,
        ["numTasks"] = """ "taskSplit": "random" """,
        ["batchSize"] = """ "taskSplit": "random", "numTasks": 1 """,
        ["dModel"] = """ "heads": 1 """,
        ["heads"] = """ "dModel": 16 """,
    };

    [Fact]
    public void Every_documented_range_is_the_validators()
    {
        Assert.NotEmpty(ConfigKeyRange.All);
        foreach (var range in ConfigKeyRange.All)
        {
            Assert.True(ConfigSchema.TryGet(range.Key, out var field), $"{range.Key} is not a config key");
            double step = field.Type == "integer" ? 1 : 1e-6;
            if (range.Minimum is double min)
            {
                Assert.Equal(range.MinimumExclusive, Refuses(range.Key, min));
                Assert.True(Refuses(range.Key, range.MinimumExclusive ? min : min - step), $"{range.Key} below its minimum {min} is accepted");
                if (range.MinimumExclusive) Assert.False(Refuses(range.Key, min + step), $"{range.Key} just above {min} is refused");
            }
            if (range.Maximum is double max)
            {
                Assert.Equal(range.MaximumExclusive, Refuses(range.Key, max));
                Assert.True(Refuses(range.Key, range.MaximumExclusive ? max : max + step), $"{range.Key} above its maximum {max} is accepted");
                if (range.MaximumExclusive) Assert.False(Refuses(range.Key, max - step), $"{range.Key} just below {max} is refused");
            }
        }
    }

    /// <summary>Whether cpu-small with the key set to the value is refused with an error naming the key.</summary>
    private static bool Refuses(string key, double value)
    {
        string companions = Companions.TryGetValue(key, out var c) ? c + "," : "";
        var body = JsonNode.Parse($$"""{ "preset": "cpu-small", {{companions}} "{{key}}": {{value.ToString(CultureInfo.InvariantCulture)}} }""")!.AsObject();
        try
        {
            ConfigLoader.FromObject(body);
            return false;
        }
        catch (InvalidConfigException e)
        {
            return e.Errors.Any(x => x.Field == key);
        }
    }
}
