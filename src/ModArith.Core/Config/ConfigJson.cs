using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModArith.Core.Config;

/// <summary>The JSON conventions of the config vocabulary: camelCase keys and enum values.</summary>
public static class ConfigJson
{
    public static readonly JsonSerializerOptions Options = Create(indented: false);
    public static readonly JsonSerializerOptions Indented = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        WriteIndented = indented,
    };

    public static string Serialize(RunConfig config, bool indented = false) =>
        JsonSerializer.Serialize(config, indented ? Indented : Options);

    /// <summary>
    /// A config as the app stored it (resolved and validated when the run was created), read as it is:
    /// no preset merged, no validation again. About 50 times quicker than <see cref="ConfigLoader.Load"/>,
    /// which matters where a page reads hundreds of runs. Null when it cannot be read as a config
    /// (hand-edited, or from a version whose keys no longer fit); keys added since take their defaults.
    /// </summary>
    public static RunConfig? ReadStored(string json)
    {
        try { return JsonSerializer.Deserialize<RunConfig>(json, Options); }
        catch (JsonException) { return null; }
    }
}
