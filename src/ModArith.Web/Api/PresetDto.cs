using System.Text.Json.Nodes;
using ModArith.Core.Config;

namespace ModArith.Web.Api;

/// <summary>A named base config (GET /api/presets); its name goes in a config's `preset` key.</summary>
public sealed record PresetDto(string Name, int Version, string Description, JsonObject Config)
{
    public static PresetDto From(Preset p) => new(p.Name, p.Version, p.Description, p.Config);
}
