using ModArith.Core.Analysis;
using ModArith.Core.Model;
using ModArith.Core.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace ModArith.Core.Tests.Analysis;

/// <summary>The analyses on a small random model: probe fidelity, attention invariants, output shapes.</summary>
public sealed class ModelAnalysisTests : IDisposable
{
    private const int P = 7, K = 6;
    private static readonly ModelShape Shape = new(VocabSize: P, Depth: 2, DModel: 32, Heads: 4, MlpRatio: 4, RopeTheta: 10000, ContextLength: 3 * K - 1);
    private readonly Gpt model = new(Shape, new Generator(11));
    private readonly DisposeScope scope = NewDisposeScope();
    private readonly IDisposable noGrad = no_grad();

    public ModelAnalysisTests() => model.eval();

    private static AnalysisContext Context(int shots) =>
        AnalysisContext.Random(P, new ModularTask(3, 5), shots, PairSplit.Create(P, 0.8, 0).TrainPairs, seed: 1);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void The_cached_prefix_probe_gives_the_models_own_logits(int shots)
    {
        var context = Context(shots);
        var suffixes = QueryGrid.Suffixes(context, QueryPosition.Z);   // [p², 3]
        var trace = ModelProbe.Run(model, context.Tokens(), suffixes, captureAttention: true);

        var full = cat([tensor(context.Tokens()).unsqueeze(0).expand(P * P, -1), suffixes], dim: 1);
        foreach (var b in model.Blocks) b.Attention.CaptureAttention = true;
        var expected = model.call(full)[.., ^3..];
        Assert.True(trace.Logits.allclose(expected, rtol: 1e-4, atol: 1e-5), $"max diff {(trace.Logits - expected).abs().max().item<float>()}");
        for (int l = 0; l < Shape.Depth; l++)
        {
            Assert.Equal(new long[] { P * P, Shape.Heads, 3, 3 * shots + 3 }, trace.Attention[l].shape);
            var captured = model.Blocks[l].Attention.CapturedAttention![.., .., ^3..];   // the suffix rows of the whole-sequence attention
            Assert.True(trace.Attention[l].allclose(captured, atol: 1e-5), $"layer {l}: attention differs by {(trace.Attention[l] - captured).abs().max().item<float>()}");
        }
        foreach (var b in model.Blocks) b.Attention.CaptureAttention = false;
    }

    [Fact]
    public void Attention_rows_are_distributions_over_earlier_tokens_only()
    {
        var context = Context(4);
        var maps = AttentionAnalysis.Compute(model, context, 2, 6);
        int time = 3 * 4 + 2;
        Assert.Equal(["x1", "y1", "z1", "x2"], maps.Labels[..4]);
        Assert.Equal("y5", maps.Labels[^1]);
        Assert.Equal(time, maps.Tokens.Length);
        Assert.Equal(Shape.Depth, maps.Weights.Length);
        Assert.All(maps.Weights, layer => Assert.Equal(Shape.Heads, layer.Length));
        foreach (var head in maps.Weights.SelectMany(l => l))
        {
            Assert.Equal(time, head.Length);
            for (int q = 0; q < time; q++)
            {
                Assert.Equal(1.0, head[q].Sum(), precision: 5);
                for (int k = q + 1; k < time; k++) Assert.Equal(0.0, head[q][k]);   // exactly zero: causal mask
                Assert.True(head[q][..(q + 1)].All(w => w > 0));
            }
        }
        Assert.Equal(new ModularTask(3, 5).Apply(2, 6, P), maps.Answer);
        // The capture switches are off again: the shared model is left as found.
        Assert.All(model.Blocks, b => Assert.False(b.Attention.CaptureAttention));
    }

    [Fact]
    public void Neuron_maps_are_ranked_by_variance_with_p_by_p_maps_and_spectra()
    {
        var context = Context(3);
        var maps = NeuronAnalysis.Compute(model, context, layer: 1, QueryPosition.Y, top: 5);
        Assert.Equal(Shape.MlpRatio * Shape.DModel, maps.Width);
        Assert.Equal(5, maps.Neurons.Count);
        Assert.Equal(maps.Neurons.Select(n => n.Variance).OrderByDescending(v => v), maps.Neurons.Select(n => n.Variance));
        Assert.Equal(5, maps.Neurons.Select(n => n.Index).Distinct().Count());
        foreach (var n in maps.Neurons)
        {
            Assert.Equal(P, n.Activation.Length);
            Assert.All(n.Activation, row => Assert.Equal(P, row.Length));
            Assert.All(n.Activation.SelectMany(r => r), a => Assert.True(a >= 0));   // post-ReLU
            Assert.Equal(P, n.Spectrum.Length);
            Assert.Equal(n.Activation.SelectMany(r => r).Sum(), n.Spectrum[0][0], precision: 6);   // DC term = sum
        }

        // At the query's x the model has not seen y yet: every map is constant along y.
        var atX = NeuronAnalysis.Compute(model, context, layer: 0, QueryPosition.X, top: 3);
        Assert.All(atX.Neurons, n => Assert.All(n.Activation, row => Assert.All(row, v => Assert.Equal(row[0], v, precision: 5))));
    }

    [Fact]
    public void Pca_covers_every_head_at_x_and_y_and_the_embeddings()
    {
        var maps = PcaAnalysis.Compute(model, Context(3), layer: 1);
        Assert.Equal(Shape.Heads * 2, maps.Heads.Count);
        Assert.All(maps.Heads, h =>
        {
            Assert.Equal(P * P, h.Pca.Projections.Length);
            Assert.Equal(PcaAnalysis.Components, h.Pca.ExplainedVariance.Length);
            Assert.True(h.Pca.ExplainedVariance.Sum() <= 1 + 1e-9);
        });
        Assert.Equal(P, maps.Embeddings.Projections.Length);
    }

    [Fact]
    public void The_correctness_grid_matches_whole_sequence_predictions_and_the_algorithms()
    {
        var context = Context(2);
        var grid = CorrectnessAnalysis.Compute(model, context);
        Assert.Equal(P, grid.Prediction.Length);
        var full = cat([tensor(context.Tokens()).unsqueeze(0).expand(P * P, -1), QueryGrid.Suffixes(context, QueryPosition.Y)], dim: 1);
        var argmax = model.call(full)[.., -1].argmax(-1).data<long>().ToArray();
        for (int x = 0; x < P; x++)
            for (int y = 0; y < P; y++)
            {
                Assert.Equal(argmax[x * P + y], grid.Prediction[x][y]);
                Assert.Equal(grid.Prediction[x][y] == new ModularTask(3, 5).Apply(x, y, P), grid.Correct[x][y]);
                Assert.Equal(RatioMatching.Answer(context.Examples, x, y, P) is not null, grid.RatioMatching[x][y]);
                Assert.Equal(ModularRegression.Answer(context.Examples, x, y, P) is not null, grid.ModularRegression[x][y]);
            }
        Assert.Equal(grid.Correct.SelectMany(r => r).Count(c => c) / (double)(P * P), grid.Accuracy, precision: 12);
        Assert.Equal(ModularRegression.Rank(context.Examples, P), grid.ContextRank);
    }

    public void Dispose()
    {
        noGrad.Dispose();
        scope.Dispose();
        model.Dispose();
    }
}
