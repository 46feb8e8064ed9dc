using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModArith.Core.Model;

/// <summary>
/// Multi-head causal self-attention with a fused QKV projection, RoPE on q and k, and no biases.
/// Two paths give identical outputs: the fast fused kernel (scaled_dot_product_attention) for
/// training, and the explicit softmax(QKᵀ/√d) path, which can hand its weights to analysis.
/// </summary>
public sealed class CausalSelfAttention : nn.Module<Tensor, Tensor>
{
    private readonly Linear qkv;
    private readonly Linear output;
    private readonly int heads;
    private readonly int headDim;
    private readonly RotaryEmbedding rope;

    /// <summary>Use the explicit path (needed to read attention weights).</summary>
    public bool UseExplicitAttention { get; set; }

    /// <summary>When set, the explicit path stores its probabilities [batch, heads, query, key] here.</summary>
    public bool CaptureAttention { get; set; }

    public Tensor? CapturedAttention { get; private set; }

    public CausalSelfAttention(string name, ModelShape shape, RotaryEmbedding rope) : base(name)
    {
        heads = shape.Heads;
        headDim = shape.HeadDim;
        this.rope = rope;
        qkv = nn.Linear(shape.DModel, 3 * shape.DModel, hasBias: false);
        output = nn.Linear(shape.DModel, shape.DModel, hasBias: false);
        RegisterComponents();
    }

    public Linear OutputProjection => output;

    // Read by analysis (Analysis/ModelProbe), which replays this layer with a cached prefix.
    public Linear QkvProjection => qkv;
    public RotaryEmbedding Rope => rope;
    public int Heads => heads;
    public int HeadDim => headDim;

    public override Tensor forward(Tensor x)
    {
        long batch = x.shape[0], time = x.shape[1], width = x.shape[2];
        var qkvHeads = qkv.call(x).view(batch, time, 3, heads, headDim).permute(2, 0, 3, 1, 4); // [3, B, H, T, hd]
        var q = rope.Apply(qkvHeads[0]);
        var k = rope.Apply(qkvHeads[1]);
        var v = qkvHeads[2];

        Tensor attended;
        if (UseExplicitAttention || CaptureAttention)
        {
            var probabilities = ExplicitAttention(q, k);
            if (CaptureAttention)
            {
                CapturedAttention?.Dispose();
                CapturedAttention = probabilities.detach().clone().DetachFromDisposeScope();
            }
            attended = probabilities.matmul(v);
        }
        else
        {
            attended = nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true);
        }
        return output.call(attended.transpose(1, 2).reshape(batch, time, width));
    }

    /// <summary>softmax(QKᵀ/√d) with every key after the query masked out.</summary>
    private Tensor ExplicitAttention(Tensor q, Tensor k)
    {
        long time = q.shape[2];
        var scores = q.matmul(k.transpose(-2, -1)) / Math.Sqrt(headDim);
        var future = ones(time, time, dtype: ScalarType.Bool, device: q.device).triu(1);
        return scores.masked_fill(future, double.NegativeInfinity).softmax(-1);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) CapturedAttention?.Dispose();
        base.Dispose(disposing);
    }
}
