using ModArith.Core.Model;
using static TorchSharp.torch;

namespace ModArith.Core.Analysis;

/// <summary>
/// Runs a model on many sequences that share a prefix (the fixed in-context examples) and differ in
/// a short suffix (the query), the way analysis needs it, without recomputing what rows share:
/// the prefix is computed once and its keys and values are reused by every row (a key/value
/// cache), and the suffix is fed one position at a time over the distinct partial suffixes only
/// (a p×p grid of queries [x y] costs p x-tokens and p² y-tokens, not 2p²). It replays each block
/// with the model's own weights on the explicit softmax(QKᵀ/√d) path, so attention probabilities,
/// per-head outputs and MLP activations can be read on the way; the logits are the model's own
/// (tested). Call under no_grad inside a dispose scope.
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
        int depth = blocks.Count;
        var prefixCache = new (Tensor K, Tensor V)?[depth];
        if (prefix.Length > 0)
        {
            var x = model.TokenEmbedding.call(tensor(prefix, dtype: ScalarType.Int64, device: device).unsqueeze(0));
            for (int l = 0; l < depth; l++)
            {
                var (output, k, v) = PrefixBlock(blocks[l], x);
                x = output;
                prefixCache[l] = (k, v);
            }
        }

        var tree = SuffixTree.Of(suffix.cpu().data<long>().ToArray(), (int)suffix.shape[0], (int)suffix.shape[1]);
        int length = tree.Length, total = prefix.Length + length;
        // Keys and values of each suffix level, per layer: [groups at that level, H, 1, hd].
        var levelKeys = new List<Tensor>[depth];
        var levelValues = new List<Tensor>[depth];
        for (int l = 0; l < depth; l++) { levelKeys[l] = []; levelValues[l] = []; }
        var logits = new List<Tensor>();
        var attention = Enumerable.Range(0, depth).Select(_ => new List<Tensor>()).ToArray();
        var heads = Enumerable.Range(0, depth).Select(_ => new List<Tensor>()).ToArray();
        var mlp = new List<Tensor>();

        for (int j = 0; j < length; j++)
        {
            var rows = tensor(tree.RowGroup[j], dtype: ScalarType.Int64, device: device);   // row → group at level j
            var ancestors = Enumerable.Range(0, j).Select(i => tensor(tree.Ancestor(j, i), dtype: ScalarType.Int64, device: device)).ToArray();
            var h = model.TokenEmbedding.call(tensor(tree.Tokens[j], dtype: ScalarType.Int64, device: device).unsqueeze(1));   // [G, 1, d]
            for (int l = 0; l < depth; l++)
            {
                var pass = SuffixStep(blocks[l], h, prefix.Length + j, prefixCache[l], levelKeys[l], levelValues[l], ancestors);
                h = pass.Output;
                levelKeys[l].Add(pass.Keys);
                levelValues[l].Add(pass.Values);
                if (captureAttention)
                {
                    var p = pass.Probabilities.index_select(0, rows);   // [n, H, 1, T₀ + j + 1], zero-padded to every position
                    attention[l].Add(nn.functional.pad(p, [0, total - p.shape[3]]));
                }
                if (captureHeads) heads[l].Add(pass.HeadOutputs.index_select(0, rows));
                if (l == mlpLayer) mlp.Add(pass.MlpActivations.index_select(0, rows));
            }
            logits.Add(model.Head(model.FinalNorm.call(h)).index_select(0, rows));
        }
        return new ProbeTrace
        {
            Logits = cat(logits, dim: 1),
            Attention = captureAttention ? attention.Select(a => cat(a, dim: 2)).ToList() : [],
            HeadOutputs = captureHeads ? heads.Select(a => cat(a, dim: 2)).ToList() : [],
            MlpActivations = mlp.Count > 0 ? cat(mlp, dim: 1) : null,
        };
    }

    /// <summary>One pre-LN block on the whole prefix (causal), returning its output and the keys/values [1, H, T₀, hd].</summary>
    private static (Tensor Output, Tensor Keys, Tensor Values) PrefixBlock(TransformerBlock block, Tensor x)
    {
        var attention = block.Attention;
        long time = x.shape[1], width = x.shape[2];
        var (q, k, v) = Project(attention, block.AttentionNorm.call(x), start: 0);
        var future = ones(time, time, dtype: ScalarType.Bool, device: x.device).triu(1);
        var probabilities = (q.matmul(k.transpose(-2, -1)) / Math.Sqrt(attention.HeadDim)).masked_fill(future, double.NegativeInfinity).softmax(-1);
        x = x + attention.OutputProjection.call(probabilities.matmul(v).transpose(1, 2).reshape(1, time, width));
        x = x + block.Mlp.OutputProjection.call(nn.functional.relu(block.Mlp.HiddenProjection.call(block.MlpNorm.call(x))));
        return (x, k, v);
    }

    private sealed record StepPass(Tensor Output, Tensor Keys, Tensor Values, Tensor Probabilities, Tensor HeadOutputs, Tensor MlpActivations);

    /// <summary>
    /// One block for one new token per group at <paramref name="position"/>: it attends to the
    /// shared prefix, to its own ancestors' tokens at earlier suffix levels, and to itself.
    /// </summary>
    private static StepPass SuffixStep(TransformerBlock block, Tensor x, long position, (Tensor K, Tensor V)? prefix,
        List<Tensor> levelKeys, List<Tensor> levelValues, Tensor[] ancestors)
    {
        var attention = block.Attention;
        long groups = x.shape[0], width = x.shape[2];
        int heads = attention.Heads, headDim = attention.HeadDim;
        double scale = 1.0 / Math.Sqrt(headDim);
        var (q, k, v) = Project(attention, block.AttentionNorm.call(x), position);   // [G, H, 1, hd]

        // Keys of the suffix seen so far: each group's ancestors at levels 0..j-1, then itself.
        var ownKeys = cat([.. ancestors.Select((a, i) => levelKeys[i].index_select(0, a)), k], dim: 2);       // [G, H, j+1, hd]
        var ownValues = cat([.. ancestors.Select((a, i) => levelValues[i].index_select(0, a)), v], dim: 2);
        var ownScores = q.matmul(ownKeys.transpose(-2, -1)) * scale;                                         // [G, H, 1, j+1]

        Tensor probabilities, attended;
        if (prefix is (Tensor pk, Tensor pv))
        {
            // The prefix's keys/values [1, H, T₀, hd] are shared by all groups: fold the groups into
            // the matrix dimension ([H, G, hd]) instead of broadcasting, which would copy the prefix G times.
            long prefixLength = pk.shape[2];
            var queries = q.permute(1, 0, 2, 3).reshape(heads, groups, headDim);
            var prefixScores = queries.matmul(pk[0].transpose(-2, -1)).view(heads, groups, 1, prefixLength).permute(1, 0, 2, 3);
            probabilities = cat([prefixScores * scale, ownScores], dim: -1).softmax(-1);                       // [G, H, 1, T₀ + j + 1]
            var fromPrefix = probabilities[.., .., .., ..(int)prefixLength].permute(1, 0, 2, 3).reshape(heads, groups, prefixLength)
                .matmul(pv[0]).view(heads, groups, 1, headDim).permute(1, 0, 2, 3);
            attended = fromPrefix + probabilities[.., .., .., (int)prefixLength..].matmul(ownValues);
        }
        else
        {
            probabilities = ownScores.softmax(-1);
            attended = probabilities.matmul(ownValues);
        }
        x = x + attention.OutputProjection.call(attended.transpose(1, 2).reshape(groups, 1, width));
        var activations = nn.functional.relu(block.Mlp.HiddenProjection.call(block.MlpNorm.call(x)));
        x = x + block.Mlp.OutputProjection.call(activations);
        return new StepPass(x, k, v, probabilities, attended, activations);
    }

    /// <summary>Queries, keys (both rotated for positions start..) and values [B, H, T, hd].</summary>
    private static (Tensor Q, Tensor K, Tensor V) Project(CausalSelfAttention attention, Tensor normed, long start)
    {
        long batch = normed.shape[0], time = normed.shape[1];
        var qkv = attention.QkvProjection.call(normed).view(batch, time, 3, attention.Heads, attention.HeadDim).permute(2, 0, 3, 1, 4);
        return (attention.Rope.Apply(qkv[0], start), attention.Rope.Apply(qkv[1], start), qkv[2]);
    }
}
