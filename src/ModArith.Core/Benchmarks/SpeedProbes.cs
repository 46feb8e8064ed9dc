using System.Diagnostics;
using ModArith.Core.Config;
using ModArith.Core.Data;
using ModArith.Core.Model;
using ModArith.Core.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace ModArith.Core.Benchmarks;

/// <summary>One way of computing a training step's forward and backward pass, and its median time.</summary>
public sealed record SpeedProbeResult(string Variant, double MillisecondsPerStep, double RelativeToEngine);

/// <summary>
/// Ways a small model's step might go faster, timed against the engine's own (fp32, fused
/// scaled-dot-product attention) on one shape: the forward pass, the loss at the z positions and the
/// backward pass of a fixed batch (no optimizer, no data drawing: those are a few % of a step, see
/// the bench's time split). The variants run in alternating rounds in one process, so a machine
/// that gets busier or quieter meanwhile moves them alike; the median round of each is reported.
/// </summary>
public static class SpeedProbes
{
    private sealed record Variant(string Name, Action<Gpt> Prepare, ScalarType DType);

    private static readonly Variant[] Variants =
    [
        new("fp32, fused attention (the engine)", m => m.UseExplicitAttention = false, ScalarType.Float32),
        new("fp32, explicit softmax(QKᵀ/√d)·V attention", m => m.UseExplicitAttention = true, ScalarType.Float32),
        // No autocast in TorchSharp 0.107: the whole model in bfloat16 is the most bf16 can buy
        // (mixed precision would add fp32 master weights and casts on top of it).
        new("bf16 weights and activations, fused attention", m => m.UseExplicitAttention = false, ScalarType.BFloat16),
    ];

    public static IReadOnlyList<SpeedProbeResult> Measure(RunConfig config, int rounds, int stepsPerRound)
    {
        TorchRuntime.UseThreads(config.Threads);
        var shape = ModelShape.From(config);
        using var generator = new Generator(1);
        using var tokens = randint(config.P, [config.BatchSize, config.ContextLength], generator: generator);
        using var positions = tensor(SequenceLayout.ZPredictionPositions(config.ExamplesPerSequence));
        using var targets = randint(config.P, [config.BatchSize, config.ExamplesPerSequence], generator: generator);
        var models = Variants.Select(v =>
        {
            var model = new Gpt(shape, new Generator(2));
            if (v.DType != ScalarType.Float32) model.to(v.DType);
            v.Prepare(model);
            return model;
        }).ToArray();
        try
        {
            var times = Variants.Select(_ => new List<double>()).ToArray();
            for (int i = 0; i < models.Length; i++) Step(models[i], tokens, positions, targets, config.P); // warm up
            for (int round = 0; round < rounds; round++)
                for (int i = 0; i < models.Length; i++)
                {
                    var clock = Stopwatch.StartNew();
                    for (int s = 0; s < stepsPerRound; s++) Step(models[i], tokens, positions, targets, config.P);
                    times[i].Add(clock.Elapsed.TotalMilliseconds / stepsPerRound);
                }
            var medians = times.Select(t => t.Order().ElementAt(t.Count / 2)).ToArray();
            return Variants.Select((v, i) => new SpeedProbeResult(v.Name, medians[i], medians[i] / medians[0])).ToList();
        }
        finally
        {
            foreach (var m in models) m.Dispose();
        }
    }

    private static void Step(Gpt model, Tensor tokens, Tensor positions, Tensor targets, int p)
    {
        using var scope = NewDisposeScope();
        model.zero_grad();
        var logits = model.LogitsAt(tokens, positions).to(ScalarType.Float32);
        var loss = nn.functional.cross_entropy(logits.reshape(-1, p), targets.reshape(-1));
        loss.backward();
        _ = loss.item<float>();
    }
}
