namespace ModArith.Core.Analysis;

/// <summary>
/// Attention probabilities of every layer and head on one sequence: Weights[layer][head][query][key],
/// each row a distribution over keys 0..query (zero after it: causal). Labels name the tokens
/// x1 y1 z1 x2 … of the sequence; Prediction is the model's z for the final query.
/// </summary>
public sealed record AttentionMaps(int[] Tokens, string[] Labels, double[][][][] Weights, int Prediction, int Answer);
