namespace ModArith.Core.Analysis.Structure;

/// <summary>What the model's insides say at one evaluation (see <see cref="StructureProbe"/>); null where a set is empty.</summary>
public sealed record StructureMetrics(
    double? IdCopyFreeAccuracy,
    double? OodCopyFreeAccuracy,
    double? RatioMatchingAgreement,
    double? ModularRegressionAgreement,
    double EmbeddingTopFrequencyShare,
    IReadOnlyList<AttentionPattern> Attention);
