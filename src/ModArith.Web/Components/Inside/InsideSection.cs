using System.Diagnostics;
using Microsoft.AspNetCore.Components;
using ModArith.Core.Config;
using ModArith.Web.Analysis;
using ModArith.Web.Components.Inside.Plots;

namespace ModArith.Web.Components.Inside;

/// <summary>
/// A section of the Inside page: computes its analysis for the page's current <see cref="Query"/>
/// (and again when one of its own controls changes), shows its status, marks itself stale when its
/// request is refused, and draws its plots once their placeholders are on the page.
/// </summary>
/// <typeparam name="T">The analysis result it shows.</typeparam>
public abstract class InsideSection<T> : ComponentBase
{
    /// <summary>The run's config: sizes of the controls and plots.</summary>
    [Parameter, EditorRequired] public RunConfig Config { get; set; } = null!;

    /// <summary>The page's current request; null until the page is interactive (nothing is computed while prerendering).</summary>
    [Parameter] public InsideQuery? Query { get; set; }

    [Parameter, EditorRequired] public InsidePageState PageState { get; set; } = null!;

    [Inject] protected AnalysisService Analyses { get; set; } = null!;
    [Inject] private CanvasPlots CanvasPlots { get; set; } = null!;

    /// <summary>Its name in the page's stale set and CSS ("attention", "neurons", …).</summary>
    protected abstract string Section { get; }

    /// <summary>The result shown, from the last request that succeeded (an older one when stale).</summary>
    protected AnalysisResponse<T>? Response { get; private set; }

    /// <summary>The request <see cref="Response"/> was computed for.</summary>
    protected InsideQuery? ResponseQuery { get; private set; }

    protected string Status { get; private set; } = "";

    protected string StaleCss => PageState.IsStale(Section) ? "stale" : "";

    private int? requestedGeneration;
    private List<CanvasPlot> pendingPlots = [];
    private readonly Stopwatch sinceData = new();

    /// <summary>Computes this section's analysis for the query (adding its own parameters).</summary>
    protected abstract Task<AnalysisOutcome<T>> AnalyseAsync(InsideQuery query);

    /// <summary>The canvas plots of a result; their placeholders are rendered from <see cref="Response"/>.</summary>
    protected virtual IEnumerable<CanvasPlot> PlotsOf(AnalysisResponse<T> response, InsideQuery query) => [];

    /// <summary>After a new result is in <see cref="Response"/> (e.g. to update a chart that is not a canvas plot).</summary>
    protected virtual Task OnComputedAsync() => Task.CompletedTask;

    protected override Task OnParametersSetAsync() =>
        Query is { } query && query.Generation != requestedGeneration ? ComputeAsync(query) : Task.CompletedTask;

    /// <summary>One of the section's own controls changed: recompute it alone, for the page's current request.</summary>
    protected Task RefreshAsync()
    {
        if (Query is null) return Task.CompletedTask;
        PageState.ClearErrors();   // its errors, if any, replace the shown ones
        return ComputeAsync(Query);
    }

    /// <summary>Draws the current result again (a display option changed), without recomputing it.</summary>
    protected void Redraw()
    {
        if (Response is null || ResponseQuery is null) return;
        sinceData.Restart();
        pendingPlots = [.. PlotsOf(Response, ResponseQuery)];
        StateHasChanged();
    }

    private async Task ComputeAsync(InsideQuery query)
    {
        requestedGeneration = query.Generation;
        Status = "computing…";
        StateHasChanged();
        var clock = Stopwatch.StartNew();
        var outcome = await PageState.InTurnAsync(() => IsCurrent(query), () => AnalyseAsync(query));
        if (outcome is null || !IsCurrent(query)) return;   // a newer request took over: it shows its own status
        if (outcome.Errors.Count > 0 || outcome.NotFound is not null)
        {
            Status = "";
            PageState.Refused(Section, outcome);
            StateHasChanged();
            return;
        }
        Response = outcome.Value!;
        ResponseQuery = query;
        Status = $"computed in {clock.Elapsed.TotalSeconds:F2} s (step {Response.Checkpoint.Step:N0})";
        PageState.Computed(Section, Response.Context);
        sinceData.Restart();
        pendingPlots = [.. PlotsOf(Response, query)];
        await OnComputedAsync();
        StateHasChanged();
    }

    private bool IsCurrent(InsideQuery query) => Query?.Generation == query.Generation;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (pendingPlots.Count == 0) return;
        var plots = pendingPlots;
        pendingPlots = [];
        var roundTrip = Stopwatch.StartNew();
        double drawMs = await CanvasPlots.DrawAsync(plots);
        PageState.Drawn(new PlotsDrawn(plots.Count, sinceData.Elapsed, roundTrip.Elapsed, drawMs));
    }
}
