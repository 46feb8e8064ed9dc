namespace ModArith.Core.Analysis;

/// <summary>The most variable neurons of one MLP layer at one query position, most variable first.</summary>
public sealed record NeuronMaps(int Layer, QueryPosition Position, int Width, IReadOnlyList<NeuronMap> Neurons);
