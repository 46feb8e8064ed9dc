using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModArith.Core.Model;

/// <summary>
/// The paper's GPT: token embedding (no learned positions; RoPE inside attention), a stack of
/// pre-LN blocks, a final LayerNorm, and an output head tied to the token embedding.
/// Input: token ids [batch, time]; output: next-token logits [batch, time, p].
/// </summary>
public sealed class Gpt : nn.Module<Tensor, Tensor>
{
    /// <summary>Standard deviation of every linear and embedding weight at initialisation.</summary>
    public const double InitStd = 0.02;

    private readonly Embedding tokenEmbedding;
    private readonly ModuleList<TransformerBlock> blocks;
    private readonly LayerNorm finalNorm;

    public ModelShape Shape { get; }

    public Gpt(ModelShape shape, Generator? initGenerator = null) : base("gpt")
    {
        Shape = shape;
        var rope = new RotaryEmbedding(shape.HeadDim, shape.ContextLength, shape.RopeTheta);
        tokenEmbedding = nn.Embedding(shape.VocabSize, shape.DModel);
        blocks = new ModuleList<TransformerBlock>(
            Enumerable.Range(0, shape.Depth).Select(i => new TransformerBlock($"block{i}", shape, rope)).ToArray());
        finalNorm = nn.LayerNorm(shape.DModel);
        RegisterComponents();
        Initialise(initGenerator);
    }

    public IReadOnlyList<TransformerBlock> Blocks => blocks.ToList();
    public Embedding TokenEmbedding => tokenEmbedding;
    public LayerNorm FinalNorm => finalNorm;

    /// <summary>Route every attention layer through the explicit softmax path (for analysis).</summary>
    public bool UseExplicitAttention
    {
        set { foreach (var b in blocks) b.Attention.UseExplicitAttention = value; }
    }

    public override Tensor forward(Tensor tokens) => Head(Hidden(tokens));

    /// <summary>Final-LayerNorm hidden states [batch, time, d].</summary>
    public Tensor Hidden(Tensor tokens)
    {
        var x = tokenEmbedding.call(tokens);
        foreach (var block in blocks) x = block.call(x);
        return finalNorm.call(x);
    }

    /// <summary>Tied output head: logits = h · Eᵀ.</summary>
    public Tensor Head(Tensor hidden) => hidden.matmul(tokenEmbedding.weight!.t());

    /// <summary>Logits only at the given positions [batch, positions, p]; the head is skipped elsewhere.</summary>
    public Tensor LogitsAt(Tensor tokens, Tensor positions) => Head(Hidden(tokens).index_select(1, positions));

    /// <summary>
    /// The paper's initialisation: N(0, 0.02) for every linear and embedding weight, the MLP output
    /// projection further scaled by 1/√(2·depth); LayerNorms at weight 1, bias 0. Drawn from the
    /// given generator so a run is reproducible while others run beside it.
    /// </summary>
    private void Initialise(Generator? generator)
    {
        using var noGrad = no_grad();
        tokenEmbedding.weight!.normal_(0, InitStd, generator);
        double mlpOutStd = InitStd / Math.Sqrt(2.0 * Shape.Depth);
        foreach (var block in blocks)
        {
            foreach (var (name, p) in block.named_parameters())
            {
                if (p.dim() < 2) continue; // LayerNorm weight/bias keep their 1 / 0 defaults
                bool isMlpOutput = name.EndsWith("mlp.output.weight", StringComparison.Ordinal);
                p.normal_(0, isMlpOutput ? mlpOutStd : InitStd, generator);
            }
        }
    }
}
