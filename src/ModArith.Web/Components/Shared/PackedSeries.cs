using System.Runtime.InteropServices;

namespace ModArith.Web.Components.Shared;

/// <summary>
/// Series as a chart receives them in the browser: names, colours and point counts as JSON, every
/// (x, y) as one block of little-endian float64 pairs. Blazor sends a byte array over the circuit
/// as binary, so the browser reads the points without parsing them out of JSON: the part of a
/// chart's drawing that grew with its points (20 runs × 400 points × 6 charts on Compare took
/// 27-50 ms of the browser's time per chart as JSON). Unpacked by <c>unpackSeries</c> in
/// wwwroot/js/charts/series.js. A missing y travels as NaN and is drawn as a gap.
/// </summary>
public static class PackedSeries
{
    public static object Pack(IReadOnlyList<ChartSeries> series)
    {
        int total = 0;
        foreach (var s in series) total += s.Data.Count;
        var values = new double[2 * total];
        int i = 0;
        var meta = new object[series.Count];
        for (int k = 0; k < series.Count; k++)
        {
            var s = series[k];
            foreach (var point in s.Data)
            {
                values[i++] = point[0];
                values[i++] = point.Length > 1 ? point[1] : double.NaN;
            }
            meta[k] = new { name = s.Name, color = s.Color, dashed = s.Dashed, faint = s.Faint, count = s.Data.Count };
        }
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("packed chart series are little-endian");
        return new { series = meta, points = MemoryMarshal.AsBytes(values.AsSpan()).ToArray() };
    }
}
