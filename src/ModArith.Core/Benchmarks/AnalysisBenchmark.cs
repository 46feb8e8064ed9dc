using System.Diagnostics;
using ModArith.Core.Analysis;
using ModArith.Core.Config;
using ModArith.Core.Model;
using ModArith.Core.Tasks;
using ModArith.Core.Torch;
using ModArith.Core.Training;
using static TorchSharp.torch;

namespace ModArith.Core.Benchmarks;

/// <summary>One analysis timed: best and median wall time over the rounds.</summary>
public sealed record AnalysisTiming(string Name, double BestSeconds, double MedianSeconds);

/// <summary>
/// Times every analysis of the interpretability page on a checkpoint of the paper's depth-4 shape
/// (d_model 512, p = 29, k = 32; random weights: the cost does not depend on the values), with the
/// longest context (31 shots), as the dashboard runs them: on the CPU, one at a time.
/// </summary>
public static class AnalysisBenchmark
{
    public static RunConfig PaperDepth4(int threads) =>
        ConfigLoader.Load(overrides: ["preset=\"paper-d4\"", $"threads={threads}", "device=\"cpu\""]);

    public static IReadOnlyList<AnalysisTiming> Measure(RunConfig config, int rounds, int shotSequences = 16)
    {
        TorchRuntime.UseThreads(config.Threads);
        var path = Path.Combine(Path.GetTempPath(), $"modarith-analysis-bench-{Environment.ProcessId}.ckpt");
        try
        {
            using (var random = new Gpt(ModelShape.From(config), new Generator(1)))
                Checkpoint.Save(path, new CheckpointHeader
                {
                    Config = config, Step = 0, Kind = CheckpointKind.Last, WallSeconds = 0, BatchGeneratorState = [], BestOodStep = 0, BestOodAccuracy = 0,
                }, random, optimizer: null);

            // Loaded outside any dispose scope: a scope would free the model's parameters.
            var clock = Stopwatch.StartNew();
            using var model = Checkpoint.LoadModel(path, CPU).Model;
            double load = clock.Elapsed.TotalSeconds;
            var timings = new List<AnalysisTiming> { new("load checkpoint (first request only; then cached)", load, load) };
            int p = config.P, shots = config.ExamplesPerSequence - 1;
            var context = AnalysisContext.Random(p, new ModularTask(6, 6), shots, PairSplit.Create(p, config.Alpha, config.Seed).TrainPairs, seed: 0);
            timings.Add(Time("attention (all layers × heads)", rounds, () => AttentionAnalysis.Compute(model, context, 3, 5)));
            timings.Add(Time($"neurons (layer 1, y, top 16 of {config.MlpRatio * config.DModel})", rounds, () => NeuronAnalysis.Compute(model, context, 1, QueryPosition.Y, 16)));
            timings.Add(Time("pca (layer 1, heads at x and y, embeddings)", rounds, () => PcaAnalysis.Compute(model, context, 1)));
            timings.Add(Time($"correctness grid ({p}×{p}, {shots} shots)", rounds, () => CorrectnessAnalysis.Compute(model, context)));
            // The shared step of the three grid analyses: the forward pass over the p + p² query tokens.
            timings.Add(Time($"  of which the model probe over the {p}×{p} queries", rounds, () => ModelProbe.Run(model, context.Tokens(), QueryGrid.Suffixes(context, QueryPosition.Y))));
            timings.Add(Time($"accuracy vs shots ({shotSequences} sequences × 2 sets)", rounds, () => ShotAnalysis.Compute(model, config, shotSequences)));
            return timings;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static AnalysisTiming Time(string name, int rounds, Action analysis)
    {
        var seconds = new List<double>();
        for (int i = 0; i < rounds; i++)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var clock = Stopwatch.StartNew();
            analysis();
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        seconds.Sort();
        return new AnalysisTiming(name, seconds[0], seconds[seconds.Count / 2]);
    }
}
