using Microsoft.AspNetCore.Components;
using ModArith.Core.Config;
using ModArith.Core.Tasks;
using ModArith.Data;
using ModArith.Web.Analysis;
using ModArith.Web.Components.Inside;
using ModArith.Web.Runs;

namespace ModArith.Web.Components.Pages;

/// <summary>
/// The interpretability page of a run: pick a checkpoint (or scrub through them), a task, a shot
/// count and a context. Each section (Components/Inside: attention, neurons, PCA, correctness grid,
/// accuracy vs shots) computes its analysis for the page's current <see cref="InsideQuery"/> and
/// draws it; sections update one by one as their results arrive, and a newer query makes older ones stale.
/// </summary>
public partial class Inside : IDisposable
{
    [Parameter] public int Id { get; set; }

    private Run? run;
    private RunConfig? config;
    private TaskSplit? tasks;
    private bool notFound;
    private List<CheckpointRecord> checkpoints = [];
    private int checkpointIndex;
    private int a, b, shots, seed;
    private bool typed;
    private string typedContext = "";

    /// <summary>Errors, context, stale sections and drawing times the sections report.</summary>
    private readonly InsidePageState state = new();
    /// <summary>What the sections compute; null until the page is interactive.</summary>
    private InsideQuery? query;
    private int generation;

    private bool IsInDistribution => tasks?.IdTasks.Contains(new ModularTask(a, b)) ?? false;
    private CheckpointRecord Checkpoint => checkpoints[checkpointIndex];

    // The last section's drawing: data in hand → plots drawn in the browser (a Blazor render + one drawPlots call).
    private double RenderMs => state.LastDrawn?.SinceData.TotalMilliseconds ?? 0;
    private string RenderLog => state.LastDrawn is { } d
        ? $"{d.Plots} plots: {d.SinceData.TotalMilliseconds:F0} ms after the data arrived ({d.RoundTrip.TotalMilliseconds:F0} ms transfer + drawing, of which {d.DrawMs:F0} ms drawing)"
        : "";

    /// <summary>The run and its checkpoints as prerendered (see <see cref="PrerenderedRun"/>); used once.</summary>
    [PersistentState] public string? Prerendered { get; set; }
    [Inject] private PrerenderHandoff Handoff { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        state.Changed += OnStateChanged;
        if (RendererInfo.IsInteractive && Handoff.Take<PrerenderedRun>(Prerendered) is { } shown)
        {
            (run, checkpoints) = (shown.Run, shown.Checkpoints);
        }
        else
        {
            run = await Reader.FindAsync(Id);
            if (run is null) { notFound = true; Nav.NotFound(); return; }
            // Log-spaced, best-o.o.d. and last, in training order; the last one is shown first.
            checkpoints = await Reader.CheckpointsAsync(Id) ?? [];
            if (!RendererInfo.IsInteractive) Prerendered = Handoff.Put(new PrerenderedRun(run, null, checkpoints));
        }
        config = ConfigLoader.Load(run.ConfigJson);
        tasks = TaskSplit.Create(config);
        checkpointIndex = Math.Max(0, checkpoints.FindLastIndex(c => c.Kind == CheckpointKind.Last) is var last && last >= 0 ? last : checkpoints.Count - 1);
        // The paper's example task (6, 6) when it exists, else the first unseen task.
        var task = config.P > 6 ? new ModularTask(6, 6) : tasks.OodTasks.FirstOrDefault();
        (a, b) = (task.A, task.B);
        shots = Math.Min(8, config.ExamplesPerSequence - 1);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Computed once the page is interactive, not while it is prerendered; at the first render that
        // shows the run (not only the very first: loading can yield and render "Loading…" first).
        if (query is null && run is not null && checkpoints.Count > 0)
        {
            Refresh();
            StateHasChanged();
        }
    }

    private void OnStateChanged() => _ = InvokeAsync(StateHasChanged);

    private static string KindLabel(CheckpointKind kind) => kind switch
    {
        CheckpointKind.BestOod => "best o.o.d.",
        CheckpointKind.Last => "last",
        _ => "log-spaced",
    };

    private void OnCheckpointSelected(ChangeEventArgs e)
    {
        if (int.TryParse(e.Value?.ToString(), out int i) && i >= 0 && i < checkpoints.Count) { checkpointIndex = i; Refresh(); }
    }

    private void OnScrub(ChangeEventArgs e) => OnCheckpointSelected(e);

    private void OnTaskPicked(ChangeEventArgs e)
    {
        var parts = e.Value?.ToString()?.Split(',');
        if (parts is not { Length: 2 } || !int.TryParse(parts[0], out int na) || !int.TryParse(parts[1], out int nb)) return;
        (a, b) = (na, nb);
        Refresh();
    }

    private void SetTyped(bool value)
    {
        typed = value;
        if (typed && string.IsNullOrWhiteSpace(typedContext)) CopyContext();
        Refresh();
    }

    /// <summary>Puts the context in use into the typed-in box, to edit it by hand.</summary>
    private void CopyContext()
    {
        if (state.Context is not { } context) return;
        typedContext = string.Join("; ", context.Select(e => $"{e[0]},{e[1]},{e[2]}"));
        typed = true;
    }

    /// <summary>A shared field changed: every section computes again for the new query.</summary>
    private void Refresh()
    {
        query = new InsideQuery(Id, Checkpoint, new AnalysisRequest
        {
            A = a, B = b, Shots = shots, Seed = seed, Context = typed ? typedContext : null,
        }, ++generation);
        state.ClearErrors();   // each section reports its own problems again
    }

    public void Dispose()
    {
        state.Changed -= OnStateChanged;
        GC.SuppressFinalize(this);
    }
}
