using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModArith.Core.Config;

/// <summary>
/// Turns outside input (a JSON file or body, plus <c>key=value</c> overrides) into a validated
/// <see cref="RunConfig"/>: built-in defaults, then the named preset, then the given keys.
/// Every problem is collected and reported by field; nothing is half-applied.
/// </summary>
public static class ConfigLoader
{
    /// <summary>Parses, merges and validates. Throws <see cref="InvalidConfigException"/> listing every problem.</summary>
    public static RunConfig Load(string? json = null, IEnumerable<string>? overrides = null)
    {
        var errors = new List<ConfigError>();
        var given = new JsonObject();
        if (!string.IsNullOrWhiteSpace(json))
        {
            if (!StrictJson.TryParse(json, out var node, out var problem, root: "(config)", lenient: true))
                errors.Add(problem!);
            else if (node is JsonObject obj) given = obj;
            else errors.Add(new ConfigError("(config)", "must be a JSON object of config keys"));
        }
        foreach (var assignment in overrides ?? [])
            ApplyOverride(given, assignment, errors);
        if (errors.Count > 0) throw new InvalidConfigException(errors);
        return FromObject(given);
    }

    /// <summary>Merges the keys of <paramref name="given"/> over defaults and their preset, then validates.</summary>
    public static RunConfig FromObject(JsonObject given)
    {
        var errors = new List<ConfigError>();
        foreach (var (key, _) in given)
            if (!ConfigSchema.TryGet(key, out _))
                errors.Add(new ConfigError(key, $"unknown key; known keys are {string.Join(", ", ConfigSchema.Fields.Select(f => f.Key))}"));

        var merged = new JsonObject();
        if (given["preset"] is JsonNode presetNode)
        {
            var name = presetNode.GetValueKind() == JsonValueKind.String ? presetNode.GetValue<string>() : null;
            var preset = name is null ? null : Presets.Find(name);
            if (preset is null)
                errors.Add(new ConfigError("preset", $"unknown preset '{presetNode.ToJsonString().Trim('"')}'; available: {string.Join(", ", Presets.All.Select(p => p.Name))}"));
            else
                foreach (var (k, v) in Presets.ConfigCopy(preset).ToArray())
                    merged[k] = v?.DeepClone();
        }
        foreach (var (key, value) in given)
            if (ConfigSchema.TryGet(key, out _))
                merged[key] = value?.DeepClone();

        // Type-check key by key, so one bad value is reported by its own name.
        var config = new RunConfig();
        foreach (var (key, value) in merged)
        {
            if (!ConfigSchema.TryGet(key, out var field)) continue;
            try
            {
                var typed = value is null ? null : value.Deserialize(field.Property.PropertyType, ConfigJson.Options);
                if (typed is null && field.Property.PropertyType.IsValueType)
                    errors.Add(new ConfigError(key, $"must be a {field.Type}, not null"));
                else
                    config = With(config, field, typed);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
            {
                errors.Add(new ConfigError(key, $"must be {Describe(field)}; got {value?.ToJsonString()}"));
            }
        }
        // Rules are checked even when some keys were unreadable (those keep their defaults and are
        // not reported twice), so the user sees every problem in one go.
        var reported = errors.Select(e => e.Field).ToHashSet();
        errors.AddRange(ConfigValidator.Validate(config).Where(e => !reported.Contains(e.Field)));
        if (errors.Count > 0) throw new InvalidConfigException(errors);
        return config;
    }

    /// <summary>Applies one <c>key=value</c>; the value is read as JSON when it parses, else as a string.</summary>
    private static void ApplyOverride(JsonObject target, string assignment, List<ConfigError> errors)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0)
        {
            errors.Add(new ConfigError("--set", $"'{assignment}' is not of the form key=value"));
            return;
        }
        var key = assignment[..eq].Trim();
        var raw = assignment[(eq + 1)..].Trim();
        target[key] = StrictJson.TryParse(raw, out var value, out _) ? value : JsonValue.Create(raw);
    }

    private static RunConfig With(RunConfig config, ConfigField field, object? value)
    {
        // Records are immutable; clone then set through reflection on the init accessor.
        var copy = config with { };
        field.Property.SetValue(copy, value);
        return copy;
    }

    private static string Describe(ConfigField field) => field.AllowedValues.Count > 0
        ? "one of " + string.Join(", ", field.AllowedValues)
        : field.Type == "integer" ? "an integer" : field.Type == "number" ? "a number" : "a " + field.Type;

    /// <summary>Formats a value the way a user would type it after --set.</summary>
    public static string FormatValue(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e => JsonNamingPolicy.CamelCase.ConvertName(e.ToString()),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
