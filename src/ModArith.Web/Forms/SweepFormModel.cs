using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModArith.Core.Config;
using ModArith.Core.Sweeps;

namespace ModArith.Web.Forms;

/// <summary>
/// The New-sweep form's state: a name, the base config as JSON text (from a ready sweep or a run
/// preset), and each grid list as comma-separated text. It builds the same body the REST API
/// takes, so the checks shown as you type are the API's own.
/// </summary>
public sealed class SweepFormModel
{
    public string Source { get; private set; } = "";
    public string Name { get; set; } = "";
    public string BaseText { get; set; } = "{}";
    public Dictionary<string, string> Grid { get; } = SweepGrid.Keys.ToDictionary(k => k, _ => "");

    /// <summary>Problems by field as the API names them (name, base, base.steps, grid, grid.alpha[1], ...).</summary>
    public List<ConfigError> Errors { get; } = [];

    public int? RunCount { get; private set; }

    /// <summary>The source the page opens on: a quick two-run sweep of cpu-small.</summary>
    public const string QuickSource = "quick";

    /// <summary>"quick", "sweep:NAME" for a ready sweep, "preset:NAME" for a run preset as the base with a starter grid.</summary>
    public void Load(string source)
    {
        if (source == QuickSource)
        {
            // A sweep to start from that finishes in minutes on a CPU: two short cpu-small runs.
            Load("preset:cpu-small");
            Source = QuickSource;
            Name = "quick n_id sweep";
            BaseText = "{\n  \"preset\": \"cpu-small\",\n  \"steps\": 1000,\n  \"evalEvery\": 100\n}";
            foreach (var k in SweepGrid.Keys) Grid[k] = "";
            Grid["numTasks"] = "4, 8";
            Grid["alpha"] = "0.8";
            return;
        }
        Source = source;
        var (kind, name) = (source.Split(':', 2)[0], source.Split(':', 2).ElementAtOrDefault(1) ?? "");
        if (kind == "sweep" && SweepPresets.Find(name) is { } ready)
        {
            Name = ready.Name;
            BaseText = ready.Base.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
            Grid["numTasks"] = Join(ready.Grid.NumTasks);
            Grid["alpha"] = Join(ready.Grid.Alpha);
            Grid["depth"] = Join(ready.Grid.Depth);
            Grid["seed"] = Join(ready.Grid.Seed);
        }
        else
        {
            Name = $"{name} n_id × alpha";
            BaseText = new JsonObject { ["preset"] = name }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
            foreach (var k in SweepGrid.Keys) Grid[k] = "";
            Grid["alpha"] = "0.4, 0.6, 0.8";
        }
    }

    /// <summary>The body of POST /api/sweeps; problems with the text itself (not JSON, not a list) go to <paramref name="textErrors"/>.</summary>
    public JsonObject ToBody(List<ConfigError> textErrors)
    {
        var body = new JsonObject { ["name"] = Name.Trim() };
        if (!StrictJson.TryParse(BaseText.Trim().Length == 0 ? "{}" : BaseText, out var parsed, out var problem, root: "base"))
            textErrors.Add(problem!);
        else if (parsed is JsonObject obj) body["base"] = obj;
        else textErrors.Add(new ConfigError("base", "must be a JSON object of config keys, e.g. { \"preset\": \"cpu-small\", \"steps\": 2000 }"));
        var grid = new JsonObject();
        foreach (var key in SweepGrid.Keys)
        {
            var items = Grid[key].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (items.Length == 0) continue;
            // Numbers go in as numbers; anything else as text, so the grid's own check names its place.
            grid[key] = new JsonArray(items.Select(Item).ToArray());
        }
        body["grid"] = grid;
        return body;
    }

    /// <summary>Re-checks with <paramref name="check"/> (the server's checks); returns whether the sweep can be launched.</summary>
    public bool Validate(Func<JsonNode, (IReadOnlyList<ConfigError> Errors, int? Runs)> check)
    {
        Errors.Clear();
        var body = ToBody(Errors);
        if (Errors.Count == 0)
        {
            var (errors, runs) = check(body);
            Errors.AddRange(errors);
            RunCount = runs;
        }
        else RunCount = null;
        return Errors.Count == 0;
    }

    /// <summary>The errors of one form field: "grid.alpha" also collects "grid.alpha[2]"; "base" collects every "base.*".</summary>
    public IEnumerable<ConfigError> ErrorsFor(string field) =>
        Errors.Where(e => e.Field == field || e.Field.StartsWith(field + "[", StringComparison.Ordinal) || e.Field.StartsWith(field + ".", StringComparison.Ordinal));

    private static JsonNode? Item(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            try { return JsonNode.Parse(text); } // as the API would read it: 8 is an integer, 0.5 a number
            catch (JsonException) { } // e.g. "1." parses as a double but is not JSON
        }
        return JsonValue.Create(text);
    }

    private static string Join<T>(IEnumerable<T> values) => string.Join(", ", values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
}
