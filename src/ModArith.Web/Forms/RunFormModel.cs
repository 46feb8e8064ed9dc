using System.Globalization;
using System.Text.Json.Nodes;
using ModArith.Core.Config;

namespace ModArith.Web.Forms;

/// <summary>
/// The New-run form's state: every config key as the text the user typed, starting from a
/// preset. Validation runs the engine's own rules on every change, so messages appear per field
/// before submit and say exactly what the API would say.
/// </summary>
public sealed class RunFormModel
{
    public string Preset { get; private set; } = "";
    public string Name { get; set; } = "";
    public Dictionary<string, string> Values { get; } = [];
    public Dictionary<string, string> Errors { get; } = [];

    public static IEnumerable<ConfigField> EditableFields => ConfigSchema.Fields.Where(f => f.Key != "preset");

    public RunFormModel(string preset = "cpu-small") => LoadPreset(preset);

    /// <summary>Fills every field from the preset (or the built-in defaults for "").</summary>
    public void LoadPreset(string preset)
    {
        Preset = preset;
        var config = preset.Length == 0 ? new RunConfig() : ConfigLoader.Load(null, ["preset=" + JsonValue.Create(preset).ToJsonString()]);
        foreach (var f in EditableFields)
            Values[f.Key] = ConfigLoader.FormatValue(ConfigSchema.ValueOf(f, config));
        Validate();
    }

    public void Set(string key, string value)
    {
        Values[key] = value;
        Validate();
    }

    public bool IsValid => Errors.Count == 0;

    /// <summary>Re-checks every field; returns whether the form can be submitted.</summary>
    public bool Validate()
    {
        Errors.Clear();
        if (Name.Length > 200) Errors["name"] = "must be at most 200 characters";
        var request = ToRequest(out var typeErrors);
        foreach (var (k, v) in typeErrors) Errors[k] = v;
        try
        {
            request.Remove("name");
            ConfigLoader.FromObject(request);
        }
        catch (InvalidConfigException e)
        {
            foreach (var err in e.Errors) Errors.TryAdd(err.Field, err.Message);
        }
        return IsValid;
    }

    /// <summary>The JSON request (config keys + name) that the REST API also takes.</summary>
    public JsonObject ToRequest() => ToRequest(out _);

    private JsonObject ToRequest(out Dictionary<string, string> typeErrors)
    {
        typeErrors = [];
        var obj = new JsonObject();
        if (Preset.Length > 0) obj["preset"] = Preset;
        if (Name.Trim().Length > 0) obj["name"] = Name.Trim();
        foreach (var f in EditableFields)
        {
            var text = (Values.GetValueOrDefault(f.Key) ?? "").Trim();
            switch (f.Type)
            {
                case "integer" when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i):
                    obj[f.Key] = i;
                    break;
                case "number" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d):
                    obj[f.Key] = d;
                    break;
                case "boolean" when text is "true" or "false":
                    obj[f.Key] = text == "true";
                    break;
                case "boolean":
                    typeErrors[f.Key] = $"must be true or false; got '{text}'";
                    break;
                case "integer":
                    typeErrors[f.Key] = $"must be a whole number; got '{text}'";
                    break;
                case "number":
                    typeErrors[f.Key] = $"must be a number (use . for decimals); got '{text}'";
                    break;
                default:
                    obj[f.Key] = text;
                    break;
            }
        }
        return obj;
    }
}
