using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModArith.Core.Model;

/// <summary>Pre-LayerNorm block: x += Attn(LN(x)); x += MLP(LN(x)).</summary>
public sealed class TransformerBlock : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm attentionNorm;
    private readonly CausalSelfAttention attention;
    private readonly LayerNorm mlpNorm;
    private readonly Mlp mlp;

    public TransformerBlock(string name, ModelShape shape, RotaryEmbedding rope) : base(name)
    {
        attentionNorm = nn.LayerNorm(shape.DModel);
        attention = new CausalSelfAttention("attention", shape, rope);
        mlpNorm = nn.LayerNorm(shape.DModel);
        mlp = new Mlp("mlp", shape);
        RegisterComponents();
    }

    public CausalSelfAttention Attention => attention;
    public Mlp Mlp => mlp;
    public LayerNorm AttentionNorm => attentionNorm;
    public LayerNorm MlpNorm => mlpNorm;

    public override Tensor forward(Tensor x)
    {
        x = x + attention.call(attentionNorm.call(x));
        return x + mlp.call(mlpNorm.call(x));
    }
}
