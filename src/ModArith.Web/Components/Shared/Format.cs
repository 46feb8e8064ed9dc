using System.Globalization;

namespace ModArith.Web.Components.Shared;

/// <summary>Number and time formatting shared by the pages.</summary>
public static class Format
{
    public static string Percent(double? v) => v is null ? "–" : (100 * v.Value).ToString("F1", CultureInfo.InvariantCulture) + "%";

    public static string Duration(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, Math.Round(seconds)));
        return t.TotalHours >= 1 ? $"{(int)t.TotalHours}h {t.Minutes:D2}m" : t.TotalMinutes >= 1 ? $"{t.Minutes}m {t.Seconds:D2}s" : $"{t.Seconds}s";
    }

    public static string Duration(DateTimeOffset? start, DateTimeOffset? end) =>
        start is null ? "–" : Duration(((end ?? DateTimeOffset.UtcNow) - start.Value).TotalSeconds);

    public static string When(DateTimeOffset? t) => t?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "–";
}
