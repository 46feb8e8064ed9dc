using System.Diagnostics;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.JSInterop;
using ModArith.Core.Analysis;
using ModArith.Core.Config;
using ModArith.Core.Tasks;
using ModArith.Data;
using ModArith.Web.Analysis;
using ModArith.Web.Api;
using ModArith.Web.Components.Shared;

namespace ModArith.Web.Components.Pages;

/// <summary>
/// The interpretability page of a run: pick a checkpoint (or scrub through them), a task, a shot
/// count and a context; each section (attention, neurons, PCA, correctness grid, accuracy vs shots)
/// is computed by <see cref="AnalysisService"/> and drawn on canvases by wwwroot/js/charts/canvas-plots.js.
/// Sections update one by one as their results arrive; a newer request makes older ones stale.
/// </summary>
public partial class Inside
{
    [Parameter] public int Id { get; set; }


    private static readonly string[] CorrectnessPalette = ["#f4a3a3", "#8fd6a4"];
    private static readonly string[] ParityPalette = ["#2563eb", "#dc2626"];

    private Run? run;
    private RunConfig? config;
    private TaskSplit? tasks;
    private bool notFound;
    private List<CheckpointRecord> checkpoints = [];
    private int checkpointIndex;
    private int a, b, shots, seed, qx = 1, qy = 2, neuronLayer, pcaLayer, shotSequences = AnalysisService.DefaultSequences;
    private string neuronPosition = "y";
    private bool typed;
    private string typedContext = "";
    private bool showRatio = true, showRegression;
    private Dictionary<string, string> errors = [];

    /// <summary>Sections whose last request was refused: the plots they show are from an earlier one, and say so.</summary>
    private readonly HashSet<string> staleSections = [];
    private bool AnyStale => staleSections.Count > 0;
    private string StaleCss(string section) => staleSections.Contains(section) ? "stale" : "";
    private int[][]? contextShown;
    private readonly Dictionary<string, string> status = [];
    private double lastRenderMs;   // data in hand → plots drawn in the browser (a Blazor render + one drawPlots call)
    private string renderLog = "";

    private AnalysisResponse<AttentionMaps>? attention;
    private AnalysisResponse<NeuronMaps>? neurons;
    private AnalysisResponse<PcaMaps>? pca;
    private AnalysisResponse<CorrectnessMap>? correctness;
    private AnalysisResponse<ShotCurves>? shotCurves;
    private LineChart? shotChart;
    private System.Text.Json.JsonElement? storedPerShot;

    private IJSObjectReference? module;
    private readonly List<object> pendingPlots = [];
    private readonly Stopwatch sinceData = new();
    private int generation;

    private bool IsInDistribution => tasks?.IdTasks.Contains(new ModularTask(a, b)) ?? false;
    private CheckpointRecord Checkpoint => checkpoints[checkpointIndex];

    protected override async Task OnInitializedAsync()
    {
        run = await Reader.FindAsync(Id);
        if (run is null) { notFound = true; Nav.NotFound(); return; }
        config = ConfigLoader.Load(run.ConfigJson);
        tasks = TaskSplit.Create(config);
        // Log-spaced, best-o.o.d. and last, in training order; the last one is shown first.
        checkpoints = await Reader.CheckpointsAsync(Id) ?? [];
        checkpointIndex = Math.Max(0, checkpoints.FindLastIndex(c => c.Kind == CheckpointKind.Last) is var last && last >= 0 ? last : checkpoints.Count - 1);
        // The paper's example task (6, 6) when it exists, else the first unseen task.
        var task = config.P > 6 ? new ModularTask(6, 6) : tasks.OodTasks.FirstOrDefault();
        (a, b) = (task.A, task.B);
        shots = Math.Min(8, config.ExamplesPerSequence - 1);
        (qx, qy) = (1 % config.P, 2 % config.P);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && run is not null && checkpoints.Count > 0)
        {
            module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/charts/canvas-plots.js");
            await RefreshAll();
            return;
        }
        if (pendingPlots.Count > 0 && module is not null)
        {
            var items = pendingPlots.ToArray();
            pendingPlots.Clear();
            var roundTrip = Stopwatch.StartNew();
            double drawMs = await module.InvokeAsync<double>("drawPlots", [items]);
            // What the researcher waits for once the data is in hand: Blazor's render of the
            // placeholders, the transfer to the browser and the drawing.
            lastRenderMs = sinceData.Elapsed.TotalMilliseconds;
            renderLog = $"{items.Length} plots: {lastRenderMs:F0} ms after the data arrived ({roundTrip.Elapsed.TotalMilliseconds:F0} ms transfer + drawing, of which {drawMs:F0} ms drawing)";
            StateHasChanged();
        }
    }

    private static string KindLabel(CheckpointKind kind) => kind switch
    {
        CheckpointKind.BestOod => "best o.o.d.",
        CheckpointKind.Last => "last",
        _ => "log-spaced",
    };

    private string Status(string section) => status.TryGetValue(section, out var s) ? s : "";

    private AnalysisRequest Request() => new()
    {
        A = a, B = b, Shots = shots, Seed = seed, Context = typed ? typedContext : null, X = qx, Y = qy,
        Layer = null, Position = neuronPosition, Top = AnalysisService.DefaultTop, Sequences = shotSequences,
    };

    private async Task OnCheckpointSelected(ChangeEventArgs e)
    {
        if (int.TryParse(e.Value?.ToString(), out int i) && i >= 0 && i < checkpoints.Count) { checkpointIndex = i; await RefreshAll(); }
    }

    private Task OnScrub(ChangeEventArgs e) => OnCheckpointSelected(e);

    private async Task OnTaskPicked(ChangeEventArgs e)
    {
        var parts = e.Value?.ToString()?.Split(',');
        if (parts is not { Length: 2 } || !int.TryParse(parts[0], out int na) || !int.TryParse(parts[1], out int nb)) return;
        (a, b) = (na, nb);
        await Refresh();
    }

    private async Task SetTyped(bool value)
    {
        typed = value;
        if (typed && string.IsNullOrWhiteSpace(typedContext)) CopyContext();
        await Refresh();
    }

    /// <summary>Puts the context in use into the typed-in box, to edit it by hand.</summary>
    private void CopyContext()
    {
        if (contextShown is null) return;
        typedContext = string.Join("; ", contextShown.Select(e => $"{e[0]},{e[1]},{e[2]}"));
        typed = true;
    }

    private Task Refresh() => RefreshAll();

    private async Task RefreshAll()
    {
        int mine = ++generation;
        errors = [];   // each section reports its own problems again
        await RefreshCorrectness(mine);
        await RefreshAttention(mine);
        await RefreshNeurons(mine);
        await RefreshPca(mine);
        await RefreshShots(mine);
    }

    // One section's own controls changed: recompute it alone (its errors replace the shown ones).
    private Task RefreshAttention() { errors = []; return RefreshAttention(generation); }
    private Task RefreshNeurons() { errors = []; return RefreshNeurons(generation); }
    private Task RefreshPca() { errors = []; return RefreshPca(generation); }
    private Task RefreshShots() { errors = []; return RefreshShots(generation); }

    /// <summary>Runs one analysis; returns its response, or null when it failed (errors shown) or a newer request superseded it.</summary>
    private async Task<AnalysisResponse<T>?> Run<T>(string section, int mine, Func<Task<AnalysisOutcome<T>>> analyse)
    {
        status[section] = "computing…";
        StateHasChanged();
        var clock = Stopwatch.StartNew();
        var outcome = await analyse();
        if (mine != generation) return null;
        if (outcome.Errors.Count > 0 || outcome.NotFound is not null)
        {
            errors = outcome.Errors.GroupBy(e => e.Parameter).ToDictionary(g => g.Key, g => string.Join("; ", g.Select(e => e.Message)));
            if (outcome.NotFound is not null) errors["checkpoint"] = outcome.NotFound + " was not found";
            status[section] = "";
            staleSections.Add(section);
            StateHasChanged();
            return null;
        }
        staleSections.Remove(section);
        if (outcome.Value!.Context is { } context) contextShown = context;
        status[section] = $"computed in {clock.Elapsed.TotalSeconds:F2} s (step {outcome.Value.Checkpoint.Step:N0})";
        sinceData.Restart();
        return outcome.Value;
    }

    private async Task RefreshAttention(int mine)
    {
        var response = await Run("attention", mine, () => Analyses.AttentionAsync(Id, Checkpoint.Id, Request()));
        if (response is null) return;
        attention = response;
        var m = response.Result;
        var labels = m.Labels.Select((l, i) => $"{l}={m.Tokens[i]}").ToArray();
        for (int l = 0; l < m.Weights.Length; l++)
            for (int h = 0; h < m.Weights[l].Length; h++)
                pendingPlots.Add(Heatmap($"att-{l}-{h}", m.Weights[l][h].Select(r => r.Select(v => Math.Round(v, 4)).ToArray()).ToArray(), new
                {
                    title = $"layer {l} · head {h}", xLabels = labels, yLabels = labels, min = 0.0, max = 1.0, tooltip = "query {row} → key {col}: {v}", enlarge = true,
                }));
        StateHasChanged();
    }

    private async Task RefreshNeurons(int mine)
    {
        var response = await Run("neurons", mine, () => Analyses.NeuronsAsync(Id, Checkpoint.Id, Request() with { Layer = neuronLayer }));
        if (response is null) return;
        neurons = response;
        var axis = Enumerable.Range(0, config!.P).Select(v => v.ToString()).ToArray();
        var freq = Enumerable.Range(0, config.P).Select(k => FourierSpectrum.Signed(k, config.P).ToString()).ToArray();
        for (int i = 0; i < response.Result.Neurons.Count; i++)
        {
            var n = response.Result.Neurons[i];
            pendingPlots.Add(Heatmap($"neu-{i}-map", Rounded(n.Activation), new { xLabels = axis, yLabels = axis, xTitle = "y", yTitle = "x", tooltip = "x = {row}, y = {col}: {v}", enlarge = true, maxWidth = 230 }));
            // The constant term dwarfs the rest: leave it out of the colour scale.
            var spectrum = Rounded(n.Spectrum);
            spectrum[0][0] = 0;
            pendingPlots.Add(Heatmap($"neu-{i}-spec", spectrum, new { xLabels = freq, yLabels = freq, xTitle = "f_y", yTitle = "f_x", tooltip = "f = ({row}, {col}): |F| {v}", enlarge = true, maxWidth = 230 }));
        }
        StateHasChanged();
    }

    private async Task RefreshPca(int mine)
    {
        var response = await Run("pca", mine, () => Analyses.PcaAsync(Id, Checkpoint.Id, Request() with { Layer = pcaLayer }));
        if (response is null) return;
        pca = response;
        int p = config!.P;
        var xs = Enumerable.Range(0, p * p).Select(i => i / p).ToArray();
        var ys = Enumerable.Range(0, p * p).Select(i => i % p).ToArray();
        var labels = Enumerable.Range(0, p * p).Select(i => $"(x, y) = ({i / p}, {i % p})").ToArray();
        foreach (var head in response.Result.Heads)
        {
            var points = head.Pca.Projections.Select(r => new[] { Math.Round(r[0], 4), Math.Round(r.Length > 1 ? r[1] : 0, 4) }).ToArray();
            string Title(string by) => $"head {head.Head} at {head.Position.ToString().ToLowerInvariant()}, by {by} (PC1 {head.Pca.ExplainedVariance[0]:P0}, PC2 {(head.Pca.ExplainedVariance.Length > 1 ? head.Pca.ExplainedVariance[1] : 0):P0})";
            if (head.Position == QueryPosition.X)
                pendingPlots.Add(Scatter($"pca-{head.Head}-xx", points, xs, p, Title("x"), "x", labels));
            else
            {
                pendingPlots.Add(Scatter($"pca-{head.Head}-yx", points, xs, p, Title("x"), "x", labels));
                pendingPlots.Add(Scatter($"pca-{head.Head}-yy", points, ys, p, Title("y"), "y", labels));
            }
        }
        var e = response.Result.Embeddings;
        var parity = Enumerable.Range(0, p).Select(t => t % 2).ToArray();
        var tokenLabels = Enumerable.Range(0, p).Select(t => $"token {t}").ToArray();
        foreach (var (i, j) in new[] { (0, 1), (0, 2), (1, 2) })
        {
            if (e.ExplainedVariance.Length <= j) continue;
            var points = e.Projections.Select(r => new[] { Math.Round(r[i], 4), Math.Round(r[j], 4) }).ToArray();
            pendingPlots.Add(new
            {
                id = $"emb-{i}{j}", kind = "scatter", options = new
                {
                    points, colorValues = parity, palette = ParityPalette, labels = tokenLabels, enlarge = true, radius = 5, maxWidth = 420,
                    legend = new[] { new { color = ParityPalette[0], label = "even" }, new { color = ParityPalette[1], label = "odd" } },
                    title = $"PC{i + 1} ({e.ExplainedVariance[i]:P0}) vs PC{j + 1} ({e.ExplainedVariance[j]:P0})", xTitle = $"PC{i + 1}", yTitle = $"PC{j + 1}",
                },
            });
        }
        StateHasChanged();
    }

    private async Task RefreshCorrectness(int mine)
    {
        var response = await Run("correctness", mine, () => Analyses.CorrectnessAsync(Id, Checkpoint.Id, Request()));
        if (response is null) return;
        correctness = response;
        QueueCorrectness();
        StateHasChanged();
    }

    private Task DrawCorrectness()
    {
        if (correctness is null) return Task.CompletedTask;
        sinceData.Restart();
        QueueCorrectness();
        StateHasChanged();
        return Task.CompletedTask;
    }

    private void QueueCorrectness()
    {
        var g = correctness!.Result;
        int p = config!.P;
        var axis = Enumerable.Range(0, p).Select(v => v.ToString()).ToArray();
        var values = g.Correct.Select(r => r.Select(c => c ? 1 : 0).ToArray()).ToArray();
        var text = g.Prediction.Select((r, x) => r.Select((z, y) =>
            $"predicts {z}, answer {new ModularTask(a, b).Apply(x, y, p)}" + (g.RatioMatching[x][y] ? " · ratio matching" : "") + (g.ModularRegression[x][y] ? " · modular regression" : "")).ToArray()).ToArray();
        var marks = new List<object>();
        if (showRatio) marks.Add(new { mask = g.RatioMatching, style = "dot", color = "#111827" });
        if (showRegression) marks.Add(new { mask = g.ModularRegression, style = "ring", color = "#1d4ed8" });
        pendingPlots.Add(Heatmap("grid", values, new
        {
            title = $"task ({a}, {b}), {shots} shots: accuracy {g.Accuracy:P1}", xLabels = axis, yLabels = axis, xTitle = "y", yTitle = "x", palette = CorrectnessPalette,
            legend = new[]
            {
                new { color = CorrectnessPalette[1], label = "model right" }, new { color = CorrectnessPalette[0], label = "model wrong" },
                new { color = "#111827", label = "• ratio matching" }, new { color = "#1d4ed8", label = "○ modular regression" },
            }.Take(showRatio || showRegression ? 4 : 2).ToArray(),
            cellText = text, tooltip = "x = {row}, y = {col}: {t}", marks, maxWidth = 520, enlarge = true,
        }));
    }

    private async Task RefreshShots(int mine)
    {
        // The run's own evaluation at the checkpoint's step (evalSequences per set, stored with
        // the metrics) is shown at once beside the fresh measurement.
        var point = await Reader.MetricAtAsync(Id, Checkpoint.Step);
        storedPerShot = point is null ? null : MetricDto.From(point).PerShot;
        var response = await Run("shots", mine, () => Analyses.ShotsAsync(Id, Checkpoint.Id, Request()));
        if (response is null) return;
        shotCurves = response;
        if (shotChart is not null) await shotChart.SetSeriesAsync(ShotSeries());
        StateHasChanged();
    }

    private IReadOnlyList<ChartSeries> ShotSeries()
    {
        var c = shotCurves?.Result;
        static List<double[]> Points(double[]? values) => values?.Select((v, i) => new[] { (double)i, v }).ToList() ?? [];
        return
        [
            new ChartSeries($"i.d. tasks ({c?.IdSet ?? "idTest"})", Points(c?.Id)),
            new ChartSeries($"o.o.d. tasks ({c?.OodSet ?? "oodTest"})", Points(c?.Ood)),
            new ChartSeries("i.d. test, run's evaluation", Stored("idTest")) { Color = 0, Dashed = true },
            new ChartSeries("o.o.d. test, run's evaluation", Stored("oodTest")) { Color = 1, Dashed = true },
            new ChartSeries($"paper, o.o.d. (p = {PaperShotCurve.P})", PaperShotCurve.UpTo(config?.ExamplesPerSequence ?? 32).Select(x => new[] { (double)x.Shots, x.Accuracy }).ToList()) { Color = 7, Dashed = true },
        ];
    }

    private List<double[]> Stored(string set) =>
        storedPerShot is { } json && json.TryGetProperty(set, out var values) && values.ValueKind == System.Text.Json.JsonValueKind.Array
            ? values.EnumerateArray().Select((v, i) => new[] { (double)i, v.GetDouble() }).ToList()
            : [];

    private static double[][] Rounded(double[][] values) => values.Select(r => r.Select(v => Math.Round(v, 4)).ToArray()).ToArray();

    private static object Heatmap(string id, object values, object options) => new { id, kind = "heatmap", options = Merge(options, values) };

    private static object Scatter(string id, double[][] points, int[] colors, int period, string title, string by, string[] labels) => new
    {
        id, kind = "scatter", options = new { points, colorValues = colors, period, title, xTitle = "PC1", yTitle = "PC2", colorTitle = $"colour = {by}", labels, enlarge = true, maxWidth = 420 },
    };

    /// <summary>Adds "values" to an anonymous options object (serialised as a dictionary).</summary>
    private static Dictionary<string, object?> Merge(object options, object values)
    {
        var json = System.Text.Json.JsonSerializer.SerializeToElement(options, System.Text.Json.JsonSerializerOptions.Web);
        var result = json.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        result["values"] = values;
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        try { if (module is not null) await module.DisposeAsync(); }
        catch (JSDisconnectedException) { }
        GC.SuppressFinalize(this);
    }
}
