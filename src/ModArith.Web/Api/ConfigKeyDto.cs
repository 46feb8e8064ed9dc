using ModArith.Core.Config;
using ModArith.Web.Api.OpenApi;

namespace ModArith.Web.Api;

/// <summary>
/// One config key (GET /api/config-keys): its group, type (integer, number, string or choice),
/// the description the New-run form shows, default, choices and numeric range (null where the
/// bound depends on other keys or there is none).
/// </summary>
public sealed record ConfigKeyDto(string Key, string Group, string Type, string Description, object? DefaultValue, IReadOnlyList<string> AllowedValues,
    double? Minimum, double? Maximum, bool MinimumExclusive, bool MaximumExclusive)
{
    public static ConfigKeyDto From(ConfigField f)
    {
        var range = ConfigKeyRange.For(f.Key);
        return new(f.Key, f.Group, f.Type, f.Description, f.DefaultValue, f.AllowedValues,
            range?.Minimum, range?.Maximum, range?.MinimumExclusive ?? false, range?.MaximumExclusive ?? false);
    }
}
