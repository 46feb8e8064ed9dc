using System.CommandLine;
using ModArith.Core.Benchmarks;
using ModArith.Core.Config;
using Spectre.Console;

namespace ModArith.Cli.Commands;

/// <summary>
/// <c>bench</c>: training throughput for the paper-d2 shape at a CPU-sized batch and for
/// cpu-small, against an fp32 GEMM peak measured in the same process.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var batch = new Option<int>("--batch") { Description = "Batch size for the paper-d2 shape (a multiple of 4).", DefaultValueFactory = _ => 64 };
        var steps = new Option<int>("--steps") { Description = "Measured steps per configuration (after 2 warm-up steps).", DefaultValueFactory = _ => 5 };
        var threads = new Option<int>("--threads") { Description = "CPU threads (0 = all cores).", DefaultValueFactory = _ => 0 };
        var command = new Command("bench", "Measure training throughput (tokens/s, GFLOP/s, % of the measured fp32 GEMM peak).") { batch, steps, threads };
        command.SetAction(result =>
        {
            int b = result.GetValue(batch), n = result.GetValue(steps), t = result.GetValue(threads);
            if (b < 4 || b % 4 != 0) return TrainCommand.Fail($"--batch: must be a positive multiple of 4; got {b}");
            if (n < 1) return TrainCommand.Fail($"--steps: must be >= 1; got {n}");

            double peak = TrainingBenchmark.MeasureGemmPeak(threads: t);
            AnsiConsole.MarkupLine($"fp32 GEMM peak (2048×2048 matmul, {(t > 0 ? t : Environment.ProcessorCount)} threads): [bold]{peak:F1} GFLOP/s[/]");

            var paper = ConfigLoader.Load(overrides: ["preset=\"paper-d2\"", $"batchSize={b}", $"numTasks={b}", $"threads={t}", "device=\"cpu\""]);
            var small = ConfigLoader.Load(overrides: ["preset=\"cpu-small\"", $"threads={t}", "device=\"cpu\""]);
            Console.WriteLine($"{"shape",-10} {"batch",5} {"tokens/step",11} {"params",10} {"s/step",8} {"tokens/s",9} {"GFLOP/s",8} {"%peak",6}   time split: data / forward / backward / optimizer");
            foreach (var (name, cfg) in new[] { ("paper-d2", paper), ("cpu-small", small) })
            {
                var r = TrainingBenchmark.MeasureTraining(name, cfg, warmupSteps: 2, measuredSteps: n * (name == "cpu-small" ? 20 : 1));
                Console.WriteLine($"{r.Name,-10} {r.BatchSize,5} {r.Tokens,11:N0} {r.Parameters,10:N0} {r.SecondsPerStep,8:F3} {r.TokensPerSecond,9:N0} {r.AchievedGflops,8:F1} {100 * r.AchievedGflops / peak,5:F1}%   " +
                    $"{100 * r.DataShare:F0}% / {100 * r.ForwardShare:F0}% / {100 * r.BackwardShare:F0}% / {100 * r.OptimizerShare:F0}%");
            }
            return 0;
        });
        return command;
    }
}
