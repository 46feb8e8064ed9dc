using ModArith.Core.Model;
using static TorchSharp.torch;

namespace ModArith.Core.Analysis;

/// <summary>
/// Attention of every layer and head on the sequence context + query (x, y): the tokens the model
/// reads when it predicts the query's z. Read from the model's own explicit-attention path.
/// </summary>
public static class AttentionAnalysis
{
    /// <summary>Call under no_grad inside a dispose scope. The model's capture switches are restored afterwards.</summary>
    public static AttentionMaps Compute(Gpt model, AnalysisContext context, int x, int y)
    {
        var tokens = context.Tokens().Append(x).Append(y).ToArray();
        var blocks = model.Blocks;
        try
        {
            foreach (var b in blocks) b.Attention.CaptureAttention = true;
            var logits = model.call(tensor(tokens, dtype: ScalarType.Int64).unsqueeze(0));
            int prediction = (int)logits[0, -1].argmax().item<long>();
            var weights = blocks.Select(b => ToNested(b.Attention.CapturedAttention![0].to(ScalarType.Float64).cpu())).ToArray();
            return new AttentionMaps(tokens.Select(t => (int)t).ToArray(), Labels(context.Shots + 1).Take(tokens.Length).ToArray(), weights,
                prediction, context.Task.Apply(x, y, context.P));
        }
        finally
        {
            foreach (var b in blocks) b.Attention.CaptureAttention = false;
        }
    }

    /// <summary>x1 y1 z1 x2 y2 z2 … for the given number of examples.</summary>
    public static IEnumerable<string> Labels(int examples) =>
        Enumerable.Range(1, examples).SelectMany(i => new[] { $"x{i}", $"y{i}", $"z{i}" });

    /// <summary>[heads, T, T] → weights[head][query][key].</summary>
    private static double[][][] ToNested(Tensor probabilities)
    {
        long heads = probabilities.shape[0], time = probabilities.shape[1];
        var flat = probabilities.data<double>().ToArray();
        return Enumerable.Range(0, (int)heads).Select(h =>
            Enumerable.Range(0, (int)time).Select(q => flat.AsSpan((int)((h * time + q) * time), (int)time).ToArray()).ToArray()).ToArray();
    }
}
