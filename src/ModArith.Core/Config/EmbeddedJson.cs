using System.Text.Json.Nodes;

namespace ModArith.Core.Config;

/// <summary>JSON files compiled into ModArith.Core as resources (run presets, ready sweeps).</summary>
internal static class EmbeddedJson
{
    /// <summary>Every embedded .json resource whose name starts with <paramref name="prefix"/>, parsed, in name order.</summary>
    public static IEnumerable<(string Resource, JsonNode? Json)> Under(string prefix)
    {
        var asm = typeof(EmbeddedJson).Assembly;
        foreach (var name in asm.GetManifestResourceNames()
                     .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            using var stream = asm.GetManifestResourceStream(name)!;
            yield return (name, JsonNode.Parse(stream));
        }
    }
}
