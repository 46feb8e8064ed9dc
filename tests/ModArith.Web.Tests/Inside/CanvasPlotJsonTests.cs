using System.Text.Json;
using ModArith.Web.Components.Inside.Plots;

namespace ModArith.Web.Tests.Inside;

/// <summary>The typed plot options reach canvas-plots.js in the shape its drawPlots reads.</summary>
public sealed class CanvasPlotJsonTests
{
    [Fact]
    public void A_heatmap_is_sent_with_its_kind_camel_case_fields_and_named_mark_styles_and_without_unset_fields()
    {
        var plot = new HeatmapPlot("grid", [[0, 1], [1, 0]])
        {
            XLabels = ["0", "1"], MaxWidth = 520, Enlarge = true,
            Legend = [new PlotLegendEntry("#8fd6a4", "model right")],
            Marks = [new HeatmapMark([[true, false], [false, true]], HeatmapMarkStyle.Ring, "#1d4ed8")],
        };

        var json = CanvasPlots.ToJson([plot])[0];

        Assert.Equal("heatmap", json.GetProperty("kind").GetString());
        Assert.Equal("grid", json.GetProperty("id").GetString());
        Assert.Equal(1, json.GetProperty("values")[0][1].GetDouble());
        Assert.Equal("1", json.GetProperty("xLabels")[1].GetString());
        Assert.Equal(520, json.GetProperty("maxWidth").GetInt32());
        Assert.True(json.GetProperty("enlarge").GetBoolean());
        Assert.Equal("model right", json.GetProperty("legend")[0].GetProperty("label").GetString());
        var mark = json.GetProperty("marks")[0];
        Assert.Equal("ring", mark.GetProperty("style").GetString());
        Assert.True(mark.GetProperty("mask")[1][1].GetBoolean());
        // Unset options are left out, so the module's defaults apply (e.g. `min` from the data, a colour bar without a palette).
        foreach (var unset in new[] { "min", "max", "palette", "title", "yLabels", "cellText", "tooltip" })
            Assert.False(json.TryGetProperty(unset, out _), unset);
    }

    [Fact]
    public void Heatmaps_and_scatters_in_one_call_keep_their_own_kind_and_fields()
    {
        CanvasPlot[] plots =
        [
            new ScatterPlot("pca-0-xx", [[0.5, -1.25]]) { ColorValues = [3], Period = 7, ColorTitle = "colour = x", Radius = 5 },
            new HeatmapPlot("att-0-0", [[0.25]]) { Min = 0, Max = 1 },
        ];

        var json = CanvasPlots.ToJson(plots);

        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        Assert.Equal("scatter", json[0].GetProperty("kind").GetString());
        Assert.Equal(-1.25, json[0].GetProperty("points")[0][1].GetDouble());
        Assert.Equal(7, json[0].GetProperty("period").GetInt32());
        Assert.Equal("colour = x", json[0].GetProperty("colorTitle").GetString());
        Assert.Equal(3, json[0].GetProperty("colorValues")[0].GetInt32());
        Assert.Equal("heatmap", json[1].GetProperty("kind").GetString());
        Assert.Equal(0, json[1].GetProperty("min").GetDouble());
        Assert.False(json[1].TryGetProperty("points", out _));
    }
}
