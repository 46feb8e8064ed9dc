namespace ModArith.Web.Sweeps;

/// <summary>
/// A measure a sweep's accuracy-vs-n_id chart can draw: one of the four sets, or a copy-free
/// accuracy (context from training pairs, query from held-out pairs), read from a run's evaluation.
/// </summary>
public sealed record ChartMeasure(string Key, string Label, Func<AccuraciesDto, double?> Read)
{
    /// <summary>In the order offered; the first (the o.o.d. test set, the paper's measure) is the default.</summary>
    public static readonly IReadOnlyList<ChartMeasure> All =
    [
        new("oodTest", "o.o.d. test", a => a.OodTest),
        new("oodCopyFree", "o.o.d. copy-free", a => a.OodCopyFree),
        new("oodTrain", "o.o.d. train", a => a.OodTrain),
        new("idTest", "i.d. test", a => a.IdTest),
        new("idCopyFree", "i.d. copy-free", a => a.IdCopyFree),
        new("idTrain", "i.d. train", a => a.IdTrain),
    ];

    /// <summary>The measure with this key, or the default for an unknown one.</summary>
    public static ChartMeasure Find(string key) => All.FirstOrDefault(m => m.Key == key) ?? All[0];
}
