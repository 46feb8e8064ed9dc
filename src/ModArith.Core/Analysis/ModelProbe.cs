using ModArith.Core.Model;
using static TorchSharp.torch;

namespace ModArith.Core.Analysis;

/// <summary>
/// Runs a model on many sequences that share a prefix (the fixed in-context examples) and differ in
/// a short suffix (the query), the way analysis needs it: the prefix is computed once and its keys
/// and values are reused by every suffix (a key/value cache), so a p×p grid of queries costs p²
/// short suffixes instead of p² whole sequences. It replays each block with the model's own
/// weights on the explicit softmax(QKᵀ/√d) path, so attention probabilities, per-head outputs and
/// MLP activations can be read on the way; it gives the model's own logits (tested).
/// Call under no_grad inside a dispose scope.
/// </summary>
public static class ModelProbe
{
    /// <param name="prefix">Tokens shared by every row (may be empty).</param>
    /// <param name="suffix">Token ids [n, s] following the prefix.</param>
    /// <param name="captureAttention">Keep every layer's attention probabilities.</param>
    /// <param name="captureHeads">Keep every layer's per-head outputs.</param>
    /// <param name="mlpLayer">Keep this layer's MLP activations (-1: none).</param>
    public static ProbeTrace Run(Gpt model, long[] prefix, Tensor suffix, bool captureAttention = false, bool captureHeads = false, int mlpLayer = -1)
    {
        var blocks = model.Blocks;
        var device = model.TokenEmbedding.weight!.device;
        var cache = new (Tensor K, Tensor V)?[blocks.Count];
        if (prefix.Length > 0)
        {
            var x = model.TokenEmbedding.call(tensor(prefix, dtype: ScalarType.Int64, device: device).unsqueeze(0));
            for (int l = 0; l < blocks.Count; l++)
            {
                var layer = Block(blocks[l], x, 0, null);
                x = layer.Output;
                cache[l] = (layer.Keys, layer.Values);
            }
        }

        var h = model.TokenEmbedding.call(suffix.to(device));
        var attention = new List<Tensor>();
        var heads = new List<Tensor>();
        Tensor? mlp = null;
        for (int l = 0; l < blocks.Count; l++)
        {
            var layer = Block(blocks[l], h, prefix.Length, cache[l]);
            h = layer.Output;
            if (captureAttention) attention.Add(layer.Probabilities);
            if (captureHeads) heads.Add(layer.HeadOutputs);
            if (l == mlpLayer) mlp = layer.MlpActivations;
        }
        return new ProbeTrace { Logits = model.Head(model.FinalNorm.call(h)), Attention = attention, HeadOutputs = heads, MlpActivations = mlp };
    }

    private sealed record LayerPass(Tensor Output, Tensor Keys, Tensor Values, Tensor Probabilities, Tensor HeadOutputs, Tensor MlpActivations);

    /// <summary>One pre-LN block: x += Attn(LN(x)); x += MLP(LN(x)), for tokens at positions start.. after a cached prefix.</summary>
    private static LayerPass Block(TransformerBlock block, Tensor x, long start, (Tensor K, Tensor V)? cached)
    {
        var attention = block.Attention;
        long n = x.shape[0], time = x.shape[1], width = x.shape[2];
        int heads = attention.Heads, headDim = attention.HeadDim;
        var qkv = attention.QkvProjection.call(block.AttentionNorm.call(x)).view(n, time, 3, heads, headDim).permute(2, 0, 3, 1, 4);
        var q = attention.Rope.Apply(qkv[0], start);
        var k = attention.Rope.Apply(qkv[1], start);
        var v = qkv[2];
        double scale = 1.0 / Math.Sqrt(headDim);

        // Scores over the suffix itself (causal) and, when there is one, over the cached prefix
        // (all visible); one softmax over both.
        var future = ones(time, time, dtype: ScalarType.Bool, device: x.device).triu(1);
        var own = (q.matmul(k.transpose(-2, -1)) * scale).masked_fill(future, double.NegativeInfinity);
        Tensor probabilities, attended;
        if (cached is (Tensor pk, Tensor pv))
        {
            long prefixLength = pk.shape[2];
            var scores = cat([q.matmul(pk.transpose(-2, -1)) * scale, own], dim: -1);   // [n, H, s, T₀ + s], prefix broadcast over n
            probabilities = scores.softmax(-1);
            attended = probabilities[.., .., .., ..(int)prefixLength].matmul(pv) + probabilities[.., .., .., (int)prefixLength..].matmul(v);
        }
        else
        {
            probabilities = own.softmax(-1);
            attended = probabilities.matmul(v);
        }
        x = x + attention.OutputProjection.call(attended.transpose(1, 2).reshape(n, time, width));

        var mlp = block.Mlp;
        var activations = nn.functional.relu(mlp.HiddenProjection.call(block.MlpNorm.call(x)));
        x = x + mlp.OutputProjection.call(activations);
        return new LayerPass(x, k, v, probabilities, attended, activations);
    }
}
