namespace ModArith.Core.Analysis;

/// <summary>PCA of one head's output at one query position over the p² queries (row-major: point x·p + y).</summary>
public sealed record HeadPca(int Head, QueryPosition Position, PcaResult Pca);
