using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModArith.Core.Config;

/// <summary>
/// Parses JSON that came from outside (a request body, a config file, a form) so that every problem
/// surfaces here, as one <see cref="ConfigError"/> naming where it is, instead of later as an
/// exception. <see cref="JsonNode.Parse(string, JsonNodeOptions?, JsonDocumentOptions)"/> alone checks
/// the syntax but defers two checks until a value is read: a key given twice, and a string that is
/// not valid text (a lone surrogate escape such as "\ud800", or bytes that are not UTF-8).
/// </summary>
public static class StrictJson
{
    /// <summary>Deepest nesting accepted (System.Text.Json's default); deeper input is an error, not a stack overflow.</summary>
    public const int MaxDepth = 64;

    /// <summary>Parses UTF-8 <paramref name="utf8"/>; on failure <paramref name="error"/> names the place (<paramref name="root"/> for the whole text).</summary>
    public static bool TryParse(ReadOnlyMemory<byte> utf8, out JsonNode? node, out ConfigError? error, string root = "(body)", bool lenient = false)
    {
        node = null;
        try
        {
            using var document = JsonDocument.Parse(utf8, Options(lenient));
            error = Check(document.RootElement, root, root);
            if (error is not null) return false;
            node = JsonNode.Parse(document.RootElement.GetRawText());
            return true;
        }
        catch (JsonException e)
        {
            error = new ConfigError(root, Describe(e));
            return false;
        }
    }

    /// <summary>Parses <paramref name="text"/>; comments and trailing commas are allowed when <paramref name="lenient"/> (config files).</summary>
    public static bool TryParse(string text, out JsonNode? node, out ConfigError? error, string root = "(body)", bool lenient = false) =>
        TryParse(System.Text.Encoding.UTF8.GetBytes(text), out node, out error, root, lenient);

    /// <summary>"(body)", "(config)": a name for the whole text, not a prefix of its keys ("steps", not "(body).steps"); "base" is one.</summary>
    private static bool IsPlaceholder(string path) => path.StartsWith('(');

    private static JsonDocumentOptions Options(bool lenient) => new()
    {
        MaxDepth = MaxDepth,
        CommentHandling = lenient ? JsonCommentHandling.Skip : JsonCommentHandling.Disallow,
        AllowTrailingCommas = lenient,
    };

    /// <summary>Walks the whole document: every key unique within its object, every key and string readable as text.</summary>
    private static ConfigError? Check(JsonElement element, string path, string root)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                int index = 0;
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try { name = property.Name; }
                    catch (InvalidOperationException)
                    {
                        return new ConfigError(path, $"key number {index + 1} is not valid text (a lone surrogate escape such as \\ud800, or bytes that are not UTF-8)");
                    }
                    var child = IsPlaceholder(path) ? name : $"{path}.{name}";
                    if (!seen.Add(name)) return new ConfigError(child, $"the key '{name}' is given twice; give each key once");
                    var inner = Check(property.Value, child, root);
                    if (inner is not null) return inner;
                    index++;
                }
                return null;
            case JsonValueKind.Array:
                int i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var inner = Check(item, $"{(IsPlaceholder(path) ? "" : path)}[{i++}]", root);
                    if (inner is not null) return inner;
                }
                return null;
            case JsonValueKind.String:
                try { _ = element.GetString(); return null; }
                catch (InvalidOperationException)
                {
                    return new ConfigError(path, "is not valid text (a lone surrogate escape such as \\ud800, or bytes that are not UTF-8)");
                }
            default:
                return null;
        }
    }

    /// <summary>System.Text.Json's message without its "Path: $ | LineNumber: 0 | BytePositionInLine: 39." tail, with the place in words.</summary>
    public static string Describe(JsonException e)
    {
        var message = e.Message;
        int tail = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (tail < 0) tail = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        if (tail >= 0) message = message[..tail];
        message = message.Replace("The JSON value could not be converted to", "the value is not", StringComparison.Ordinal);
        var where = e.LineNumber is long line ? $" (line {line + 1}, character {(e.BytePositionInLine ?? 0) + 1})" : "";
        return $"is not valid JSON{where}: {message.TrimEnd('.')}";
    }
}
