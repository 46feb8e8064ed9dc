using System.Text.Json;
using System.Text.Json.Nodes;
using ModArith.Core.Config;

namespace ModArith.Core.Sweeps;

/// <summary>
/// Reads a sweep spec from JSON: <c>{ "name", "description"?, "base": { config keys }, "grid": {
/// "numTasks": [..], "alpha": [..], "depth": [..], "seed": [..] } }</c>. Problems are reported by
/// field ("grid.alpha[2]", "base", "name"); the base config's own keys are checked when the grid
/// is expanded (<see cref="SweepPlanner"/>), against each run's full config.
/// </summary>
public static class SweepParser
{
    private static readonly string[] TopLevelKeys = ["name", "description", "base", "grid"];

    /// <param name="maxValuesPerList">
    /// Longest list read (the run cap: one list longer than it already expands past the cap), checked
    /// before any value is, so a huge list costs no more than its parse; <paramref name="capSource"/>
    /// names the setting behind it.
    /// </param>
    public static (SweepSpec? Spec, IReadOnlyList<ConfigError> Errors) Parse(JsonNode? body, int maxValuesPerList = int.MaxValue, string? capSource = null)
    {
        var errors = new List<ConfigError>();
        if (body is not JsonObject obj)
            return (null, [new ConfigError("(body)", "must be a JSON object: { \"name\": ..., \"base\": { \"preset\": ... }, \"grid\": { \"numTasks\": [...], \"alpha\": [...] } }")]);

        foreach (var (key, _) in obj)
            if (!TopLevelKeys.Contains(key))
                errors.Add(new ConfigError(key, $"unknown key; a sweep has {string.Join(", ", TopLevelKeys)}"));

        string name = "";
        if (obj["name"] is JsonValue nameValue && nameValue.GetValueKind() == JsonValueKind.String)
            name = nameValue.GetValue<string>().Trim();
        if (obj["name"] is not null && obj["name"]!.GetValueKind() != JsonValueKind.String) errors.Add(new ConfigError("name", "must be a string"));
        else if (name.Length == 0) errors.Add(new ConfigError("name", "is required: a label for the sweep"));
        else if (name.Length > SweepSpec.MaxNameLength) errors.Add(new ConfigError("name", $"must be at most {SweepSpec.MaxNameLength} characters"));

        string? description = null;
        if (obj["description"] is JsonValue d && d.GetValueKind() == JsonValueKind.String) description = d.GetValue<string>();
        else if (obj["description"] is not null) errors.Add(new ConfigError("description", "must be a string"));

        var baseConfig = obj["base"] as JsonObject;
        if (baseConfig is null)
            errors.Add(new ConfigError("base", "is required: a config object in the engine's vocabulary, e.g. { \"preset\": \"cpu-small\", \"steps\": 2000 }"));

        var grid = ParseGrid(obj["grid"], errors, new ListCap(maxValuesPerList, capSource));
        // A key both in the base and swept would be silently replaced by the grid's values (even an
        // invalid one would pass unchecked): it belongs in one place.
        if (baseConfig is not null && grid is not null)
            foreach (var key in grid.SweptKeys.Where(baseConfig.ContainsKey))
                errors.Add(new ConfigError($"base.{key}", $"is swept by grid.{key}; give {key} either in the base or in the grid, not both"));
        if (errors.Count > 0) return (null, errors);
        return (new SweepSpec(name, description, (JsonObject)baseConfig!.DeepClone(), grid!), []);
    }

    private readonly record struct ListCap(int MaxValues, string? Source);

    private static SweepGrid? ParseGrid(JsonNode? node, List<ConfigError> errors, ListCap cap)
    {
        if (node is not JsonObject grid)
        {
            errors.Add(new ConfigError("grid", "is required: an object of value lists, e.g. { \"numTasks\": [8, 16], \"alpha\": [0.4, 0.8] }"));
            return null;
        }
        foreach (var (key, _) in grid)
            if (!SweepGrid.Keys.Contains(key))
                errors.Add(new ConfigError($"grid.{key}", $"cannot be swept; a grid sweeps {string.Join(", ", SweepGrid.Keys)}"));

        var result = new SweepGrid(
            List(grid, "numTasks", errors, cap, ReadInt),
            List(grid, "alpha", errors, cap, ReadNumber),
            List(grid, "depth", errors, cap, ReadInt),
            List(grid, "seed", errors, cap, ReadInt));
        if (result.IsEmpty && !errors.Any(e => e.Field.StartsWith("grid", StringComparison.Ordinal)))
            errors.Add(new ConfigError("grid", $"is empty: give at least one value for one of {string.Join(", ", SweepGrid.Keys)}"));
        return result;
    }

    private static List<T> List<T>(JsonObject grid, string key, List<ConfigError> errors, ListCap cap, Func<JsonNode?, (T Value, string? Error)> read)
        where T : notnull
    {
        var values = new List<T>();
        if (grid[key] is not { } node) return values;
        if (node is not JsonArray array)
        {
            errors.Add(new ConfigError($"grid.{key}", $"must be a list of values, e.g. [{(key == "alpha" ? "0.4, 0.8" : "8, 16")}]; got {node.ToJsonString()}"));
            return values;
        }
        if (array.Count > cap.MaxValues)
        {
            var source = cap.Source is null ? "" : $" ({cap.Source})";
            errors.Add(new ConfigError($"grid.{key}", $"has {array.Count} values; a sweep may have at most {cap.MaxValues} runs on this server{source}"));
            return values;
        }
        var seen = new HashSet<T>();
        for (int i = 0; i < array.Count; i++)
        {
            var (value, error) = read(array[i]);
            if (error is not null) errors.Add(new ConfigError($"grid.{key}[{i}]", error));
            else if (!seen.Add(value)) errors.Add(new ConfigError($"grid.{key}[{i}]", $"repeats the value {array[i]!.ToJsonString()}; each value once"));
            else values.Add(value);
        }
        return values;
    }

    // Read through a JsonElement, so values built in code (JsonValue.Create(long)) read like parsed ones.
    private static (int, string?) ReadInt(JsonNode? node)
    {
        if (node is JsonValue && JsonSerializer.SerializeToElement(node) is { ValueKind: JsonValueKind.Number } e)
        {
            if (e.TryGetInt32(out var i)) return (i, null);
            if (e.TryGetDouble(out var d) && d == Math.Floor(d) && Math.Abs(d) <= int.MaxValue) return ((int)d, null);
        }
        return (0, $"must be an integer; got {node?.ToJsonString() ?? "null"}");
    }

    private static (double, string?) ReadNumber(JsonNode? node)
    {
        if (node is JsonValue && JsonSerializer.SerializeToElement(node) is { ValueKind: JsonValueKind.Number } e && e.TryGetDouble(out var d) && double.IsFinite(d))
            return (d, null);
        return (0, $"must be a number; got {node?.ToJsonString() ?? "null"}");
    }
}
