using System.Text.Json.Nodes;

namespace ModArith.Core.Config;

/// <summary>A named, versioned base config shipped as a JSON file under Core/Presets.</summary>
public sealed record Preset(string Name, int Version, string Description, JsonObject Config);

/// <summary>The presets compiled into ModArith.Core.</summary>
public static class Presets
{
    private const string ResourcePrefix = "ModArith.Presets.";

    public static IReadOnlyList<Preset> All { get; } = Load();

    public static Preset? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    private static List<Preset> Load() =>
        EmbeddedJson.Under(ResourcePrefix).Select(Parse).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();

    private static Preset Parse((string Resource, JsonNode? Json) file)
    {
        var root = file.Json!.AsObject();
        return new Preset(
            root["name"]!.GetValue<string>(),
            root["version"]!.GetValue<int>(),
            root["description"]!.GetValue<string>(),
            root["config"]!.AsObject());
    }

    /// <summary>The preset's config keys as a fresh, mutable copy.</summary>
    public static JsonObject ConfigCopy(Preset preset) => JsonNode.Parse(preset.Config.ToJsonString())!.AsObject();
}
