using ModArith.Core.Model;

namespace ModArith.Core.Analysis;

/// <summary>
/// The paper's "circle of circles": each head's output (its attention-weighted values, before the
/// output projection) at the query's x and y positions over all p² queries (x, y), context fixed,
/// reduced by PCA; and the PCA of the token embeddings (even and odd numbers on separate planes).
/// </summary>
public static class PcaAnalysis
{
    public const int Components = 3;

    /// <summary>Call under no_grad inside a dispose scope.</summary>
    public static PcaMaps Compute(Gpt model, AnalysisContext context, int layer)
    {
        var trace = ModelProbe.Run(model, context.Tokens(), QueryGrid.Suffixes(context, QueryPosition.Y), captureHeads: true);
        var outputs = trace.HeadOutputs[layer];   // [p², heads, 2, headDim]
        var heads = new List<HeadPca>();
        for (int h = 0; h < outputs.shape[1]; h++)
            foreach (var position in new[] { QueryPosition.X, QueryPosition.Y })
                heads.Add(new HeadPca(h, position, Pca.Of(outputs[.., h, (int)position], Components)));
        return new PcaMaps(layer, heads, Pca.Of(model.TokenEmbedding.weight!.detach(), Components));
    }
}
