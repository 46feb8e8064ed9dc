using System.Text.Json.Nodes;
using ModArith.Core.Config;

namespace ModArith.Core.Sweeps;

/// <summary>
/// Ready sweeps compiled into ModArith.Core from Presets/Sweeps/*.json. Each file is exactly a
/// POST /api/sweeps body (name, description, base, grid), so it can be posted as it is.
/// </summary>
public static class SweepPresets
{
    private const string ResourcePrefix = "ModArith.SweepPresets.";

    public static IReadOnlyList<SweepSpec> All { get; } = Load();

    public static SweepSpec? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    private static List<SweepSpec> Load() =>
        EmbeddedJson.Under(ResourcePrefix).Select(Parse).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    private static SweepSpec Parse((string Resource, JsonNode? Json) file)
    {
        var (spec, errors) = SweepParser.Parse(file.Json);
        return spec ?? throw new InvalidDataException($"ready sweep {file.Resource} is invalid: {string.Join("; ", errors)}");
    }
}
