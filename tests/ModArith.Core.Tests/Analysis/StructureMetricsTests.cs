using ModArith.Core.Analysis;
using ModArith.Core.Analysis.Structure;
using ModArith.Core.Config;
using ModArith.Core.Data;
using ModArith.Core.Model;
using ModArith.Core.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace ModArith.Core.Tests.Analysis;

/// <summary>Each structure metric checked on a construction where its value is known.</summary>
public sealed class StructureMetricsTests
{
    private const int P = 7;
    private static readonly PairSplit Pairs = PairSplit.Create(P, 0.8, 0);
    private static readonly ModularTask[] Tasks = [new(1, 2), new(3, 5), new(6, 4), new(2, 2)];

    [Fact]
    public void Copy_free_probes_take_context_from_training_pairs_and_ask_only_held_out_pairs_never_in_the_prompt()
    {
        var train = Pairs.TrainPairs.ToHashSet();
        var test = Pairs.TestPairs.ToHashSet();
        var probes = CopyFreeProbe.Build(Tasks, Pairs, P, shots: 15, contextsPerTask: 8, maxTasks: 32, seed: 3);
        Assert.Equal(Tasks.Length * 8, probes.Count);
        foreach (var probe in probes)
        {
            Assert.Equal(15, probe.Context.Count);
            Assert.All(probe.Context, e => Assert.Contains(new InputPair(e.X, e.Y), train));
            Assert.All(probe.Context, e => Assert.Equal(probe.Task.Apply(e.X, e.Y, P), e.Z));
            Assert.Contains(new InputPair(probe.X, probe.Y), test);
            Assert.DoesNotContain(probe.Context, e => e.X == probe.X && e.Y == probe.Y);
            Assert.Equal(3 * 15 + 2, probe.Tokens().Length);
        }
    }

    [Fact]
    public void A_ratio_matching_answerer_agrees_fully_with_ratio_matching_and_not_beyond_it()
    {
        var probes = AlgorithmAgreement.Build(Tasks, Pairs, P, shots: 2, contextsPerTask: 6, maxTasks: 32, queriesPerContext: 49, seed: 5);
        // Answers as ratio matching would, and wrongly wherever ratio matching has no answer.
        var ratioOnly = probes.Select(q => RatioMatching.Answer(q.Context, q.X, q.Y, P) ?? (q.Answer + 1) % P).ToArray();
        var (rm, mr) = AlgorithmAgreement.Score(probes, ratioOnly);
        Assert.Equal(1.0, rm);
        Assert.Equal(0.0, mr);
        // The task itself (what modular regression recovers from a spanning context) agrees with both.
        var (rmTrue, mrTrue) = AlgorithmAgreement.Score(probes, probes.Select(q => q.Answer).ToArray());
        Assert.Equal(1.0, rmTrue);
        Assert.Equal(1.0, mrTrue);
        // A constant guess agrees with neither beyond chance.
        var (rmConst, mrConst) = AlgorithmAgreement.Score(probes, probes.Select(_ => 3).ToArray());
        Assert.InRange(rmConst!.Value, 0, 0.4);
        Assert.InRange(mrConst!.Value, 0, 0.4);
    }

    [Fact]
    public void An_embedding_on_one_circle_puts_all_its_power_on_one_frequency_and_a_random_one_spreads_it()
    {
        const int p = 29;
        var circle = Enumerable.Range(0, p).Select(t => new[] { (float)Math.Cos(2 * Math.PI * 5 * t / p), (float)Math.Sin(2 * Math.PI * 5 * t / p), 0.25f }).ToArray();
        Assert.Equal(1.0, EmbeddingStructure.TopFrequencyShare(circle, p), 6);
        Assert.Equal(4, Array.IndexOf(EmbeddingStructure.FrequencyPower(circle, p), EmbeddingStructure.FrequencyPower(circle, p).Max())); // f = 5

        var random = new Random(1);
        var noise = Enumerable.Range(0, p).Select(_ => Enumerable.Range(0, 64).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray()).ToArray();
        Assert.InRange(EmbeddingStructure.TopFrequencyShare(noise, p), 0.0, 0.2); // evenly spread would be 1/14
    }

    [Fact]
    public void Attention_patterns_read_back_a_hand_built_attention_map()
    {
        // 4 examples (12 tokens): every z looks only at its own x; every y only at the first example's x.
        const int time = 12;
        var weights = new float[time * time];
        for (int q = 0; q < time; q++)
        {
            int key = q % 3 == 2 ? q - 2 : q % 3 == 1 ? 0 : q;
            weights[q * time + key] = 1;
        }
        using var scope = NewDisposeScope();
        var attention = tensor(weights).view(1, 1, time, time);
        var pattern = Assert.Single(AttentionStructure.Summarise(layer: 1, attention));
        Assert.Equal((1, 0), (pattern.Layer, pattern.Head));
        Assert.Equal(1.0, pattern.ZToOwnX, 9);
        Assert.Equal(0.0, pattern.ZToOwnY + pattern.ZToEarlierX + pattern.ZToEarlierY + pattern.ZToEarlierZ, 9);
        Assert.Equal(1.0, pattern.YToEarlierX, 9);
        Assert.Equal(0.0, pattern.YToOwnX + pattern.YToEarlierY + pattern.YToEarlierZ, 9);
    }

    [Fact]
    public void The_probe_on_a_model_is_repeatable_and_its_attention_masses_are_shares()
    {
        var config = ConfigLoader.Load("""{ "preset": "cpu-small", "dModel": 16, "heads": 2 }""");
        using var data = new ExperimentData(config);
        var shape = new ModelShape(VocabSize: config.P, Depth: config.Depth, DModel: config.DModel, Heads: config.Heads, MlpRatio: config.MlpRatio,
            RopeTheta: config.RopeTheta, ContextLength: 3 * config.ExamplesPerSequence - 1);
        var model = new Gpt(shape, new Generator(3));
        var first = StructureProbe.Measure(model, data, seed: 9);
        var again = StructureProbe.Measure(model, data, seed: 9);
        Assert.Equal(first.OodCopyFreeAccuracy, again.OodCopyFreeAccuracy);
        Assert.Equal(first.RatioMatchingAgreement, again.RatioMatchingAgreement);
        Assert.Equal(config.Depth * config.Heads, first.Attention.Count);
        Assert.All(first.Attention, a => Assert.InRange(a.ZToOwnX + a.ZToOwnY + a.ZToEarlierX + a.ZToEarlierY + a.ZToEarlierZ, 0, 1 + 1e-9));
        Assert.True(model.training, "the probe must hand the model back in training mode");
    }
}
