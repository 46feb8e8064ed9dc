using System.Text.Json;
using System.Text.Json.Nodes;
using ModArith.Core.Config;

namespace ModArith.Web.Runs;

/// <summary>
/// What a researcher may change on a run after launch (PATCH /api/runs/{id}, the run page): its name,
/// notes, tags and whether it is archived. Null = leave as is.
/// </summary>
public sealed record RunChanges(string? Name = null, string? Notes = null, IReadOnlyList<string>? Tags = null, bool? Archived = null)
{
    public const int MaxNameLength = 200;
    public const int MaxNotesLength = 10_000;
    public const int MaxTags = 20;
    public const int MaxTagLength = 40;

    private static readonly string[] Keys = ["name", "notes", "tags", "archived"];

    /// <summary>Reads and checks a JSON object of changes; every problem is named by its field (tags[2], …).</summary>
    public static (RunChanges? Changes, List<ConfigError> Errors) Parse(JsonNode? body)
    {
        var errors = new List<ConfigError>();
        if (body is not JsonObject obj)
        {
            errors.Add(new ConfigError("(body)", "must be a JSON object with any of: name, notes, tags, archived"));
            return (null, errors);
        }
        foreach (var (key, _) in obj)
            if (!Keys.Contains(key)) errors.Add(new ConfigError(key, "is not a field of a run that can be changed (name, notes, tags, archived)"));

        string? name = null, notes = null;
        List<string>? tags = null;
        bool? archived = null;
        if (obj.TryGetPropertyValue("name", out var n))
        {
            if (n?.GetValueKind() != JsonValueKind.String) errors.Add(new ConfigError("name", "must be a string"));
            else
            {
                var (checkedName, error) = CheckName(n.GetValue<string>());
                if (error is not null) errors.Add(new ConfigError("name", error));
                else name = checkedName;
            }
        }
        if (obj.TryGetPropertyValue("notes", out var t))
        {
            if (t?.GetValueKind() != JsonValueKind.String) errors.Add(new ConfigError("notes", "must be a string"));
            else if (t.GetValue<string>().Length > MaxNotesLength) errors.Add(new ConfigError("notes", $"must be at most {MaxNotesLength} characters"));
            else notes = t.GetValue<string>();
        }
        if (obj.TryGetPropertyValue("tags", out var g))
        {
            if (g is not JsonArray array) errors.Add(new ConfigError("tags", "must be an array of strings, e.g. [\"baseline\", \"p=7\"]"));
            else
            {
                tags = [];
                for (int i = 0; i < array.Count; i++)
                {
                    if (array[i]?.GetValueKind() != JsonValueKind.String) { errors.Add(new ConfigError($"tags[{i}]", "must be a string")); continue; }
                    var (tag, error) = CheckTag(array[i]!.GetValue<string>());
                    if (error is not null) errors.Add(new ConfigError($"tags[{i}]", error));
                    else if (!tags.Contains(tag!)) tags.Add(tag!);
                }
                if (tags.Count > MaxTags) errors.Add(new ConfigError("tags", $"must hold at most {MaxTags} tags"));
            }
        }
        if (obj.TryGetPropertyValue("archived", out var a))
        {
            if (a?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)) errors.Add(new ConfigError("archived", "must be true or false"));
            else archived = a.GetValue<bool>();
        }
        return errors.Count > 0 ? (null, errors) : (new RunChanges(name, notes, tags, archived), errors);
    }

    /// <summary>A name trimmed, or the rule it breaks.</summary>
    public static (string? Name, string? Error) CheckName(string raw)
    {
        var name = raw.Trim();
        if (name.Length == 0) return (null, "must not be empty");
        if (name.Length > MaxNameLength) return (null, $"must be at most {MaxNameLength} characters");
        return (name, null);
    }

    /// <summary>A tag trimmed, or the rule it breaks. Commas separate tags where they are stored, so none may hold one.</summary>
    public static (string? Tag, string? Error) CheckTag(string raw)
    {
        var tag = raw.Trim();
        if (tag.Length == 0) return (null, "must not be empty");
        if (tag.Length > MaxTagLength) return (null, $"must be at most {MaxTagLength} characters");
        if (tag.Contains(',')) return (null, "must not contain a comma");
        return (tag, null);
    }

    /// <summary>Tags as typed in one box, comma separated (the run page).</summary>
    public static (List<string> Tags, string? Error) ParseTagList(string text)
    {
        var tags = new List<string>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (tag, error) = CheckTag(part);
            if (error is not null) return (tags, $"tag \"{part}\" {error}");
            if (!tags.Contains(tag!)) tags.Add(tag!);
        }
        return tags.Count > MaxTags ? (tags, $"at most {MaxTags} tags") : (tags, null);
    }

    public static IReadOnlyList<string> TagsOf(string stored) => stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
