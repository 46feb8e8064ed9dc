using System.Text.Json.Nodes;

namespace ModArith.Core.Sweeps;

/// <summary>
/// A sweep as the user writes it (the body of POST /api/sweeps and the ready-sweep files):
/// a name, an optional description, a base config in the engine's vocabulary (a preset and
/// overrides) and the grid of values to sweep over it.
/// </summary>
public sealed record SweepSpec(string Name, string? Description, JsonObject Base, SweepGrid Grid)
{
    public const int MaxNameLength = 200;

    /// <summary>The spec in its JSON shape (the same shape <see cref="SweepParser"/> reads).</summary>
    public JsonObject ToJson()
    {
        var grid = new JsonObject();
        if (Grid.NumTasks.Count > 0) grid["numTasks"] = new JsonArray(Grid.NumTasks.Select(v => (JsonNode)v).ToArray());
        if (Grid.Alpha.Count > 0) grid["alpha"] = new JsonArray(Grid.Alpha.Select(v => (JsonNode)v).ToArray());
        if (Grid.Depth.Count > 0) grid["depth"] = new JsonArray(Grid.Depth.Select(v => (JsonNode)v).ToArray());
        if (Grid.Seed.Count > 0) grid["seed"] = new JsonArray(Grid.Seed.Select(v => (JsonNode)v).ToArray());
        var json = new JsonObject { ["name"] = Name };
        if (Description is not null) json["description"] = Description;
        json["base"] = Base.DeepClone();
        json["grid"] = grid;
        return json;
    }
}
