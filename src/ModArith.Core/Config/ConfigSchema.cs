using System.Reflection;
using System.Text.Json;

namespace ModArith.Core.Config;

/// <summary>A documented config key as shown in help text and forms.</summary>
public sealed record ConfigField(string Key, string Group, string Type, string Description, object? DefaultValue, IReadOnlyList<string> AllowedValues)
{
    internal PropertyInfo Property { get; init; } = null!;
}

/// <summary>The list of config keys, read once from <see cref="RunConfig"/>'s attributes.</summary>
public static class ConfigSchema
{
    public static IReadOnlyList<ConfigField> Fields { get; } = Build();

    private static readonly Dictionary<string, ConfigField> ByKey = Fields.ToDictionary(f => f.Key, StringComparer.Ordinal);

    public static bool TryGet(string key, out ConfigField field) => ByKey.TryGetValue(key, out field!);

    public static object? ValueOf(ConfigField field, RunConfig config) => field.Property.GetValue(config);

    private static List<ConfigField> Build()
    {
        var defaults = new RunConfig();
        return typeof(RunConfig).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Doc: p.GetCustomAttribute<ConfigKeyAttribute>()))
            .Where(x => x.Doc is not null)
            .Select(x =>
            {
                var type = Nullable.GetUnderlyingType(x.Property.PropertyType) ?? x.Property.PropertyType;
                // A yes/no key offers its two JSON literals as choices, so forms show it as a pick list.
                List<string> allowed = type.IsEnum ? Enum.GetNames(type).Select(n => JsonNamingPolicy.CamelCase.ConvertName(n)).ToList()
                    : type == typeof(bool) ? ["true", "false"]
                    : [];
                return new ConfigField(
                    JsonNamingPolicy.CamelCase.ConvertName(x.Property.Name),
                    x.Doc!.Group,
                    TypeName(type),
                    x.Doc.Description,
                    x.Property.GetValue(defaults) is { } v && type.IsEnum ? JsonNamingPolicy.CamelCase.ConvertName(v.ToString()!) : x.Property.GetValue(defaults),
                    allowed) { Property = x.Property };
            })
            .ToList();
    }

    private static string TypeName(Type t) =>
        t == typeof(int) ? "integer" : t == typeof(double) ? "number" : t == typeof(string) ? "string" : t == typeof(bool) ? "boolean" : t.IsEnum ? "choice" : t.Name;
}
