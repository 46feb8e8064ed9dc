using System.Text.Json.Nodes;

namespace ModArith.Core.Sweeps;

/// <summary>One run's swept values, each with its index in the grid list (null: not swept).</summary>
public sealed record SweepPoint((int Value, int Index)? NumTasks, (double Value, int Index)? Alpha, (int Value, int Index)? Depth, (int Value, int Index)? Seed)
{
    /// <summary>The base config with this point's values set on top.</summary>
    public JsonObject ApplyTo(JsonObject baseConfig)
    {
        var config = (JsonObject)baseConfig.DeepClone();
        if (NumTasks is { } n) config["numTasks"] = n.Value;
        if (Alpha is { } a) config["alpha"] = a.Value;
        if (Depth is { } d) config["depth"] = d.Value;
        if (Seed is { } s) config["seed"] = s.Value;
        return config;
    }

    /// <summary>The grid field (e.g. "grid.alpha[2]") that set a swept key for this run; null when the key is not swept.</summary>
    public string? GridField(string key) => key switch
    {
        "numTasks" when NumTasks is { } n => $"grid.numTasks[{n.Index}]",
        "alpha" when Alpha is { } a => $"grid.alpha[{a.Index}]",
        "depth" when Depth is { } d => $"grid.depth[{d.Index}]",
        "seed" when Seed is { } s => $"grid.seed[{s.Index}]",
        _ => null,
    };

    /// <summary>Short label such as "n_id=64 α=0.4", for run names.</summary>
    public string Label() => string.Join(" ", new[]
    {
        NumTasks is { } n ? $"n_id={n.Value}" : null,
        Alpha is { } a ? $"α={a.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : null,
        Depth is { } d ? $"depth={d.Value}" : null,
        Seed is { } s ? $"seed={s.Value}" : null,
    }.Where(x => x is not null));
}
