namespace ModArith.Core.Analysis;

/// <summary>Per-head PCA of one layer (at the query's x and y) and the PCA of the token embeddings (point t = token t).</summary>
public sealed record PcaMaps(int Layer, IReadOnlyList<HeadPca> Heads, PcaResult Embeddings);
