using ModArith.Web.Analysis;

namespace ModArith.Web.Components.Inside;

/// <summary>
/// What the Inside page shares with its sections: the parameter errors and the context they report
/// (shown once, above the sections), which sections show plots of an earlier request (stale), the
/// last drawing time, and one computation at a time, in the order asked, so sections fill in one by
/// one (inference is serialised anyway) and a request superseded while waiting is never computed.
/// </summary>
public sealed class InsidePageState
{
    private readonly HashSet<string> staleSections = [];
    private readonly SemaphoreSlim turn = new(1, 1);

    /// <summary>Raised when anything the page shows changed.</summary>
    public event Action? Changed;

    /// <summary>The last failed request's problems, by parameter name.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    /// <summary>The context (x, y, z triples) of the last successful analysis that used one.</summary>
    public int[][]? Context { get; private set; }

    public bool AnyStale => staleSections.Count > 0;

    public bool IsStale(string section) => staleSections.Contains(section);

    public PlotsDrawn? LastDrawn { get; private set; }

    /// <summary>A new request: each section reports its own problems again.</summary>
    public void ClearErrors()
    {
        Errors = new Dictionary<string, string>();
        Changed?.Invoke();
    }

    /// <summary>A section's request was refused: its errors replace the shown ones, and its plots are now stale.</summary>
    public void Refused<T>(string section, AnalysisOutcome<T> outcome)
    {
        var errors = outcome.Errors.GroupBy(e => e.Parameter).ToDictionary(g => g.Key, g => string.Join("; ", g.Select(e => e.Message)));
        if (outcome.NotFound is not null) errors["checkpoint"] = outcome.NotFound + " was not found";
        Errors = errors;
        staleSections.Add(section);
        Changed?.Invoke();
    }

    /// <summary>A section shows the result of the current request.</summary>
    public void Computed(string section, int[][]? context)
    {
        staleSections.Remove(section);
        if (context is not null) Context = context;
        Changed?.Invoke();
    }

    public void Drawn(PlotsDrawn drawn)
    {
        LastDrawn = drawn;
        Changed?.Invoke();
    }

    /// <summary>
    /// Runs <paramref name="compute"/> when no other section's computation is running; returns null
    /// without running it when <paramref name="stillWanted"/> says, at its turn, that a newer request replaced it.
    /// </summary>
    public async Task<T?> InTurnAsync<T>(Func<bool> stillWanted, Func<Task<T>> compute) where T : class
    {
        await turn.WaitAsync();
        try { return stillWanted() ? await compute() : null; }
        finally { turn.Release(); }
    }
}
