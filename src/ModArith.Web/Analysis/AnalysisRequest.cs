namespace ModArith.Web.Analysis;

/// <summary>
/// The parameters of an analysis, as the API's query string and the page give them; null means
/// "use the default". Which ones an analysis reads is listed in <see cref="AnalysisService"/>.
/// </summary>
public sealed record AnalysisRequest
{
    /// <summary>Task z = a·x + b·y (mod p): a and b in 0..p-1 (required except for shots).</summary>
    public int? A { get; init; }
    public int? B { get; init; }
    /// <summary>In-context examples before the query, 0..k-1 (default k-1).</summary>
    public int? Shots { get; init; }
    /// <summary>Seed of the random context (default 0); ignored when a context is typed in.</summary>
    public int? Seed { get; init; }
    /// <summary>A typed-in context "x,y,z;x,y,z;…" with exactly `shots` examples of the task.</summary>
    public string? Context { get; init; }
    /// <summary>Query of the attention analysis (default x = 1, y = 2, mod p).</summary>
    public int? X { get; init; }
    public int? Y { get; init; }
    /// <summary>Layer of the neuron and PCA analyses, 0..depth-1 (default 0).</summary>
    public int? Layer { get; init; }
    /// <summary>Query position of the neuron analysis: x, y or z (default y).</summary>
    public string? Position { get; init; }
    /// <summary>Neurons shown, 1..64 (default 16).</summary>
    public int? Top { get; init; }
    /// <summary>Sequences per set for accuracy vs shots, 1..1024 (default <see cref="AnalysisService.DefaultSequences"/>, 64).</summary>
    public int? Sequences { get; init; }
}
