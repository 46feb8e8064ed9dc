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
}
