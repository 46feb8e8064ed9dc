using ModArith.Core.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace ModArith.Core.Tests;

public class ModelTests
{
    private static readonly ModelShape Small = new(VocabSize: 11, Depth: 2, DModel: 32, Heads: 4, MlpRatio: 4, RopeTheta: 10000, ContextLength: 23);

    private static Tensor RandomTokens(int batch, int length, int seed) =>
        randint(11, [batch, length], dtype: ScalarType.Int64, generator: new Generator((ulong)seed));

    [Fact]
    public void Rope_scores_depend_only_on_relative_position()
    {
        var rope = new RotaryEmbedding(headDim: 8, maxLength: 64, theta: 10000);
        using var g = new Generator(1);
        var q = randn([8], generator: g);
        var k = randn([8], generator: g);
        // Place the same q at position m and k at position n, for (m, n) = (5, 2) and (40, 37).
        double Score(int m, int n)
        {
            var qs = zeros(1, 1, 64, 8); qs[0, 0, m] = q;
            var ks = zeros(1, 1, 64, 8); ks[0, 0, n] = k;
            return (rope.Apply(qs)[0, 0, m] * rope.Apply(ks)[0, 0, n]).sum().item<float>();
        }
        Assert.Equal(Score(5, 2), Score(40, 37), precision: 4);
        Assert.NotEqual(Score(5, 2), Score(5, 4), precision: 3); // but the offset does matter
    }

    [Fact]
    public void A_bfloat16_model_computes_in_bfloat16_throughout()
    {
        // RoPE's tables follow the model's dtype: float32 tables would turn q and k back into float32,
        // which fused attention refuses beside a bfloat16 v (the bench's bf16 probe runs this model).
        using var model = new Gpt(Small, new Generator(1));
        model.to(ScalarType.BFloat16);
        using var logits = model.call(RandomTokens(2, 23, seed: 3));
        Assert.Equal(ScalarType.BFloat16, logits.dtype);
        using var rotated = new RotaryEmbedding(headDim: 8, maxLength: 23, theta: 10000).Apply(ones(1, 1, 23, 8, dtype: ScalarType.BFloat16));
        Assert.Equal(ScalarType.BFloat16, rotated.dtype);
    }

    [Fact]
    public void Fused_and_explicit_attention_give_identical_outputs()
    {
        using var model = new Gpt(Small, new Generator(3));
        model.eval();
        using var noGrad = no_grad();
        var tokens = RandomTokens(4, 23, seed: 9);
        model.UseExplicitAttention = false;
        var fused = model.call(tokens);
        model.UseExplicitAttention = true;
        var explicitOut = model.call(tokens);
        Assert.True(fused.allclose(explicitOut, rtol: 1e-4, atol: 1e-5), $"max diff {(fused - explicitOut).abs().max().item<float>()}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_later_token_cannot_change_an_earlier_output(bool explicitAttention)
    {
        using var model = new Gpt(Small, new Generator(4));
        model.eval();
        model.UseExplicitAttention = explicitAttention;
        using var noGrad = no_grad();
        var tokens = RandomTokens(1, 23, seed: 1);
        var changed = tokens.clone();
        changed[0, 15] = (tokens[0, 15] + 1).remainder(11);
        var before = model.call(tokens);
        var after = model.call(changed);
        Assert.True(before[0, ..15].allclose(after[0, ..15], atol: 1e-6));
        Assert.False(before[0, 15..].allclose(after[0, 15..], atol: 1e-6)); // the change is visible from its own position on
    }

    [Fact]
    public void Parameter_count_matches_the_paper_for_depth_2_4_6()
    {
        foreach (var (depth, millions) in new[] { (2, 6.3), (4, 12.6), (6, 18.9) })
        {
            var shape = new ModelShape(29, depth, 512, 4, 4, 10000, 95);
            Assert.Equal(millions, shape.ParameterCount / 1e6, precision: 1);
        }
        using var model = new Gpt(Small);
        Assert.Equal(Small.ParameterCount, model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Linear_layers_have_no_bias_and_the_head_is_the_embedding()
    {
        using var model = new Gpt(Small, new Generator(5));
        var names = model.named_parameters().Select(p => p.name).ToList();
        Assert.DoesNotContain(names, n => n.EndsWith(".bias") && !n.Contains("Norm", StringComparison.OrdinalIgnoreCase));
        using var noGrad = no_grad();
        var hidden = randn(1, 1, 32);
        Assert.True(model.Head(hidden).allclose(hidden.matmul(model.TokenEmbedding.weight!.t())));
    }

    [Fact]
    public void Initialisation_follows_the_paper_and_the_seed()
    {
        var shape = Small with { DModel = 128, Depth = 2 };
        using var a = new Gpt(shape, new Generator(11));
        using var b = new Gpt(shape, new Generator(11));
        var block = a.Blocks[0];
        double embStd = a.TokenEmbedding.weight!.std().item<float>();
        double mlpOutStd = block.Mlp.OutputProjection.weight!.std().item<float>();
        Assert.InRange(embStd, 0.018, 0.022);
        Assert.InRange(mlpOutStd, 0.02 / Math.Sqrt(4) * 0.95, 0.02 / Math.Sqrt(4) * 1.05);
        Assert.True(a.TokenEmbedding.weight!.equal(b.TokenEmbedding.weight!).all().item<bool>());
    }
}
