using System.Reflection;
using System.Text.Json.Nodes;

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

    private static List<SweepSpec> Load()
    {
        var asm = typeof(SweepPresets).Assembly;
        return asm.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => Parse(asm, n))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static SweepSpec Parse(Assembly asm, string resource)
    {
        using var stream = asm.GetManifestResourceStream(resource)!;
        var (spec, errors) = SweepParser.Parse(JsonNode.Parse(stream));
        return spec ?? throw new InvalidDataException($"ready sweep {resource} is invalid: {string.Join("; ", errors)}");
    }
}
