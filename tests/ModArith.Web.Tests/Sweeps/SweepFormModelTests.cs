using System.Text.Json.Nodes;
using ModArith.Core.Config;
using ModArith.Core.Sweeps;
using ModArith.Web.Forms;

namespace ModArith.Web.Tests.Sweeps;

/// <summary>The New-sweep form's text → the API's body, and the API's problems → the form's fields.</summary>
public sealed class SweepFormModelTests
{
    private static (IReadOnlyList<ConfigError>, int?) Check(JsonNode body)
    {
        var (plan, errors) = SweepPlanner.Plan(body);
        return (errors, plan?.Runs.Count);
    }

    [Fact]
    public void A_ready_sweep_fills_the_form_and_counts_its_runs()
    {
        var form = new SweepFormModel();
        form.Load("sweep:paper-phase-diagram");
        Assert.Equal("8, 16, 32, 64, 128, 256, 512", form.Grid["numTasks"]);
        Assert.Equal("0.2, 0.4, 0.6, 0.8", form.Grid["alpha"]);
        Assert.True(form.Validate(Check));
        Assert.Equal(28, form.RunCount);
    }

    [Fact]
    public void Comma_lists_become_the_grid_and_each_problem_lands_on_its_field()
    {
        var form = new SweepFormModel();
        form.Load("preset:cpu-small");
        form.Grid["numTasks"] = " 4, 8 ,20";
        form.Grid["alpha"] = "0.5";
        Assert.True(form.Validate(Check));
        Assert.Equal(3, form.RunCount);
        var grid = form.ToBody([])["grid"]!;
        Assert.Equal("[4,8,20]", grid["numTasks"]!.ToJsonString());

        form.Grid["numTasks"] = "4, eight";
        Assert.False(form.Validate(Check));
        Assert.Equal("grid.numTasks[1]", Assert.Single(form.ErrorsFor("grid.numTasks")).Field);
        Assert.Empty(form.ErrorsFor("grid.alpha"));
        Assert.Null(form.RunCount);

        form.Grid["numTasks"] = "4";
        form.BaseText = """{ "preset": "cpu-small", "steps": 0 }""";
        Assert.False(form.Validate(Check));
        Assert.Equal("base.steps", Assert.Single(form.ErrorsFor("base")).Field);

        form.BaseText = "{ not json";
        Assert.False(form.Validate(Check));
        Assert.Equal("base", Assert.Single(form.ErrorsFor("base")).Field);
    }

    [Fact]
    public void Base_text_that_is_not_usable_json_is_shown_under_the_base_field_in_words()
    {
        var form = new SweepFormModel();
        form.Load("preset:cpu-small");
        form.Grid["numTasks"] = "4";

        form.BaseText = """{ "preset": "cpu-small", "steps": 10, "steps": 20 }""";
        Assert.False(form.Validate(Check));
        var twice = Assert.Single(form.ErrorsFor("base"));
        Assert.Equal("base.steps", twice.Field);
        Assert.Contains("given twice", twice.Message);

        form.BaseText = """{ "preset": "cpu-small", "steps": }""";
        Assert.False(form.Validate(Check));
        var syntax = Assert.Single(form.ErrorsFor("base"));
        Assert.Contains("line 1", syntax.Message);
        Assert.DoesNotContain("BytePositionInLine", syntax.Message);
    }
}
