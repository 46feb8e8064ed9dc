using System.Diagnostics;
using ModArith.Core.Config;
using ModArith.Core.Data;
using ModArith.Core.Model;
using ModArith.Core.Torch;
using ModArith.Core.Training;
using TorchSharp;

namespace ModArith.Core.Benchmarks;

/// <summary>
/// What the structure metrics cost a run: one <see cref="TrainingRun.MeasureStructure"/> (what every
/// evaluation runs when structureMetrics is on) against the training time between two evaluations
/// (evalEvery steps), on the same model.
/// </summary>
public static class StructureBenchmark
{
    public sealed record Result(string Preset, double ProbeSeconds, double StepSeconds, int EvalEvery)
    {
        public double ShareOfRun => ProbeSeconds / (ProbeSeconds + StepSeconds * EvalEvery);
    }

    public static Result Measure(string preset, int threads, int rounds = 3, int steps = 40)
    {
        var config = ConfigLoader.Load(overrides: [$"preset=\"{preset}\"", $"threads={threads}", "device=\"cpu\""]);
        TorchRuntime.UseThreads(config.Threads);
        var checkpoints = Directory.CreateTempSubdirectory("modarith-structure-bench-").FullName;
        try
        {
            using var run = TrainingRun.Start(config, checkpoints);
            for (int i = 0; i < 3; i++) run.TrainStep(); // warm-up
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < steps; i++) run.TrainStep();
            double stepSeconds = clock.Elapsed.TotalSeconds / steps;

            run.MeasureStructure(); // warm-up
            var probe = new List<double>();
            for (int r = 0; r < rounds; r++)
            {
                clock.Restart();
                run.MeasureStructure();
                probe.Add(clock.Elapsed.TotalSeconds);
            }
            probe.Sort();
            return new Result(preset, probe[probe.Count / 2], stepSeconds, config.EvalEvery);
        }
        finally
        {
            Directory.Delete(checkpoints, true);
        }
    }
}
