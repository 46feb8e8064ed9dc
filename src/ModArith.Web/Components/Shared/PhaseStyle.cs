namespace ModArith.Web.Components.Shared;

/// <summary>How the pages name and colour the phases (colours in app.css as .phase-*).</summary>
public static class PhaseStyle
{
    /// <summary>The API's phase names, in the paper's order, with their labels.</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> All =
    [
        ("notLearned", "not learned"),
        ("idMemorization", "i.d. memorization"),
        ("idGeneralization", "i.d. generalization"),
        ("oodMemorization", "o.o.d. memorization"),
        ("oodGeneralization", "o.o.d. generalization"),
    ];

    public static string Label(string? phase) => All.FirstOrDefault(p => p.Key == phase).Label ?? "–";

    public static string Css(string? phase) => phase is null ? "phase-none" : "phase-" + phase;
}
