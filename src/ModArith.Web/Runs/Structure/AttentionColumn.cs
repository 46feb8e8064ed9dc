using System.Globalization;
using System.Text;
using System.Text.Json;
using ModArith.Core.Analysis.Structure;
using ModArith.Web.Api;

namespace ModArith.Web.Runs.Structure;

/// <summary>
/// The attention patterns of one evaluation as stored in <c>MetricPoint.AttentionJson</c>: one JSON array
/// per head, [layer, head, yToOwnX, yToEarlierX, yToEarlierY, yToEarlierZ, zToOwnX, zToOwnY, zToEarlierX,
/// zToEarlierY, zToEarlierZ], shares rounded to 4 decimals. About 70 bytes a head instead of 250 as
/// named objects: a run stores one per head per evaluation. The API serves them as named objects.
/// </summary>
public static class AttentionColumn
{
    private const int Fields = 11;

    public static string? Encode(IReadOnlyList<AttentionPattern>? patterns)
    {
        if (patterns is null) return null;
        var sb = new StringBuilder("[");
        foreach (var a in patterns)
        {
            if (sb.Length > 1) sb.Append(',');
            sb.Append(CultureInfo.InvariantCulture, $"[{a.Layer},{a.Head}");
            foreach (var v in new[] { a.YToOwnX, a.YToEarlierX, a.YToEarlierY, a.YToEarlierZ, a.ZToOwnX, a.ZToOwnY, a.ZToEarlierX, a.ZToEarlierY, a.ZToEarlierZ })
                sb.Append(',').Append(Share(v));
            sb.Append(']');
        }
        return sb.Append(']').ToString();
    }

    /// <summary>Null for a point without attention (structure metrics off, or stored before they existed).</summary>
    public static IReadOnlyList<AttentionPatternDto>? Decode(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        using var doc = JsonDocument.Parse(json);
        var list = new List<AttentionPatternDto>();
        foreach (var head in doc.RootElement.EnumerateArray())
        {
            if (head.GetArrayLength() != Fields) throw new FormatException($"an attention row has {head.GetArrayLength()} values, not {Fields}");
            double V(int i) => head[i].GetDouble();
            list.Add(new AttentionPatternDto(head[0].GetInt32(), head[1].GetInt32(), V(2), V(3), V(4), V(5), V(6), V(7), V(8), V(9), V(10)));
        }
        return list;
    }

    /// <summary>4 decimals; a non-finite share (a degenerate model) is stored as 0 so the JSON stays valid.</summary>
    private static string Share(double v) => double.IsFinite(v) ? Math.Round(v, 4).ToString("R", CultureInfo.InvariantCulture) : "0";
}
