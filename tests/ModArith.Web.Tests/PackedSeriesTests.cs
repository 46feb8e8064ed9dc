using System.Text.Json;
using ModArith.Web.Components.Shared;

namespace ModArith.Web.Tests;

public class PackedSeriesTests
{
    [Fact]
    public void Points_travel_as_float64_pairs_in_series_order_with_each_series_count()
    {
        var packed = PackedSeries.Pack([
            new ChartSeries("run 1", [[10, 0.5], [20, 0.25]]) { Color = 3 },
            new ChartSeries("run 2", [[5, double.NaN]]) { Dashed = true },
        ]);
        var json = JsonSerializer.SerializeToElement(packed);
        var series = json.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(["run 1", "run 2"], series.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal([2, 1], series.Select(s => s.GetProperty("count").GetInt32()));
        Assert.Equal(3, series[0].GetProperty("color").GetInt32());
        Assert.True(series[1].GetProperty("dashed").GetBoolean());
        Assert.False(series[0].GetProperty("faint").GetBoolean());

        var bytes = (byte[])packed.GetType().GetProperty("points")!.GetValue(packed)!;
        var values = Enumerable.Range(0, bytes.Length / 8).Select(i => BitConverter.ToDouble(bytes, 8 * i)).ToArray();
        Assert.Equal(6, values.Length);
        Assert.Equal([10, 0.5, 20, 0.25, 5], values[..5]);
        Assert.True(double.IsNaN(values[5]));
    }
}
