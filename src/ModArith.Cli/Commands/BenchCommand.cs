using System.CommandLine;
using ModArith.Core.Benchmarks;
using ModArith.Core.Config;
using Spectre.Console;

namespace ModArith.Cli.Commands;

/// <summary>
/// <c>bench</c>: training throughput for the paper-d2 shape at a CPU-sized batch, for cpu-small and
/// for the research shape of the CPU transition presets (cpu-transition-n36-long: d_model 64,
/// 48 tokens), against an fp32 GEMM peak measured in the same process.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var batch = new Option<int>("--batch") { Description = "Batch size for the paper-d2 shape (a multiple of 4).", DefaultValueFactory = _ => 64 };
        var steps = new Option<int>("--steps") { Description = "Measured steps per configuration (after 2 warm-up steps).", DefaultValueFactory = _ => 5 };
        var threads = new Option<int>("--threads") { Description = "CPU threads (0 = all cores).", DefaultValueFactory = _ => 0 };
        var analysis = new Option<bool>("--analysis") { Description = "Instead: time every interpretability analysis on a random-weight paper-d4 checkpoint (p = 29, d_model 512, 31 shots)." };
        var rounds = new Option<int>("--rounds") { Description = "Rounds per analysis with --analysis (best and median are shown).", DefaultValueFactory = _ => 3 };
        var structure = new Option<string?>("--structure") { Description = "Instead: time the structure metrics (copy-free accuracy, algorithm agreement, attention and embedding structure) of a preset's model against its training between two evaluations." };
        var probes = new Option<string?>("--probes") { Description = "Instead: time ways a step might go faster on a preset's shape (fused vs explicit attention, bf16), in alternating rounds (--rounds, default 3 → use 5 or more), against the engine's own." };
        var command = new Command("bench", "Measure training throughput (tokens/s, GFLOP/s, % of the measured fp32 GEMM peak), or with --analysis the interpretability analyses.") { batch, steps, threads, analysis, rounds, structure, probes };
        command.SetAction(result =>
        {
            int b = result.GetValue(batch), n = result.GetValue(steps), t = result.GetValue(threads);
            if (result.GetValue(analysis)) return BenchAnalyses(t, result.GetValue(rounds));
            if (result.GetValue(structure) is { } preset) return BenchStructure(preset, t, result.GetValue(rounds));
            if (result.GetValue(probes) is { } probePreset) return BenchProbes(probePreset, t, result.GetValue(rounds), n);
            if (b < 4 || b % 4 != 0) return TrainCommand.Fail($"--batch: must be a positive multiple of 4; got {b}");
            if (n < 1) return TrainCommand.Fail($"--steps: must be >= 1; got {n}");

            double peak = TrainingBenchmark.MeasureGemmPeak(threads: t);
            AnsiConsole.MarkupLine($"fp32 GEMM peak (2048×2048 matmul, {(t > 0 ? t : Environment.ProcessorCount)} threads): [bold]{peak:F1} GFLOP/s[/]");

            var paper = ConfigLoader.Load(overrides: ["preset=\"paper-d2\"", $"batchSize={b}", $"numTasks={b}", $"threads={t}", "device=\"cpu\""]);
            var small = ConfigLoader.Load(overrides: ["preset=\"cpu-small\"", $"threads={t}", "device=\"cpu\""]);
            var transition = ConfigLoader.Load(overrides: ["preset=\"cpu-transition-n36-long\"", $"threads={t}", "device=\"cpu\""]);
            Console.WriteLine($"{"shape",-14} {"batch",5} {"tokens/step",11} {"params",10} {"s/step",8} {"tokens/s",9} {"GFLOP/s",8} {"%peak",6}   time split: data / forward / backward / optimizer");
            foreach (var (name, cfg) in new[] { ("paper-d2", paper), ("cpu-small", small), ("cpu-transition", transition) })
            {
                // The small shapes take milliseconds a step: measure more of them.
                var r = TrainingBenchmark.MeasureTraining(name, cfg, warmupSteps: 2, measuredSteps: n * (name == "paper-d2" ? 1 : 20));
                Console.WriteLine($"{r.Name,-14} {r.BatchSize,5} {r.Tokens,11:N0} {r.Parameters,10:N0} {r.SecondsPerStep,8:F3} {r.TokensPerSecond,9:N0} {r.AchievedGflops,8:F1} {100 * r.AchievedGflops / peak,5:F1}%   " +
                    $"{100 * r.DataShare:F0}% / {100 * r.ForwardShare:F0}% / {100 * r.BackwardShare:F0}% / {100 * r.OptimizerShare:F0}%");
            }
            return 0;
        });
        return command;
    }

    private static int BenchStructure(string preset, int threads, int rounds)
    {
        if (Presets.Find(preset) is null) return TrainCommand.Fail($"--structure: unknown preset '{preset}'; available: {string.Join(", ", Presets.All.Select(p => p.Name))}");
        if (rounds < 1) return TrainCommand.Fail($"--rounds: must be >= 1; got {rounds}");
        var r = Core.Benchmarks.StructureBenchmark.Measure(preset, threads, rounds);
        Console.WriteLine($"{r.Preset}: structure metrics as each evaluation takes them {r.ProbeSeconds:F3} s (median of {rounds}); training {r.StepSeconds * 1000:F1} ms/step × evalEvery {r.EvalEvery} = {r.StepSeconds * r.EvalEvery:F2} s between evaluations");
        Console.WriteLine($"cost: {100 * r.ShareOfRun:F1}% of the run's time");
        return 0;
    }

    private static int BenchProbes(string preset, int threads, int rounds, int steps)
    {
        if (Presets.Find(preset) is null) return TrainCommand.Fail($"--probes: unknown preset '{preset}'; available: {string.Join(", ", Presets.All.Select(p => p.Name))}");
        if (rounds < 1) return TrainCommand.Fail($"--rounds: must be >= 1; got {rounds}");
        if (steps < 1) return TrainCommand.Fail($"--steps: must be >= 1; got {steps}");
        var config = ConfigLoader.Load(overrides: [$"preset=\"{preset}\"", $"threads={threads}", "device=\"cpu\""]);
        Console.WriteLine($"{preset}: batch {config.BatchSize} × {config.ContextLength} tokens, d_model {config.DModel}, {config.Heads} heads of {config.DModel / config.Heads}, depth {config.Depth}; " +
            $"forward + loss + backward of one batch, {rounds} alternating rounds of {steps * 4} steps, {(threads > 0 ? threads : Environment.ProcessorCount)} threads");
        Console.WriteLine($"{"variant",-50} {"ms/step",8} {"vs engine",10}");
        foreach (var r in Core.Benchmarks.SpeedProbes.Measure(config, rounds, steps * 4))
            Console.WriteLine($"{r.Variant,-50} {r.MillisecondsPerStep,8:F1} {r.RelativeToEngine,9:F2}×");
        return 0;
    }

    private static int BenchAnalyses(int threads, int rounds)
    {
        if (rounds < 1) return TrainCommand.Fail($"--rounds: must be >= 1; got {rounds}");
        var config = AnalysisBenchmark.PaperDepth4(threads);
        Console.WriteLine($"paper-d4 shape (depth {config.Depth}, d_model {config.DModel}, p = {config.P}, k = {config.ExamplesPerSequence}), random weights, {(threads > 0 ? threads : Environment.ProcessorCount)} threads, {rounds} rounds");
        var timings = AnalysisBenchmark.Measure(config, rounds);
        Console.WriteLine($"{"analysis",-58} {"best s",8} {"median s",9}");
        foreach (var r in timings) Console.WriteLine($"{r.Name,-58} {r.BestSeconds,8:F3} {r.MedianSeconds,9:F3}");
        var slowest = timings.Skip(1).Where(r => !r.Name.StartsWith(' ')).MaxBy(r => r.MedianSeconds)!;
        Console.WriteLine($"slowest analysis: {slowest.Name} ({slowest.MedianSeconds:F2} s median)");
        return 0;
    }
}
