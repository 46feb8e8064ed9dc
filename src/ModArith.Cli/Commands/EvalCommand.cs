using System.CommandLine;
using ModArith.Core.Data;
using ModArith.Core.Torch;
using ModArith.Core.Training;
using Spectre.Console;

namespace ModArith.Cli.Commands;

/// <summary><c>eval</c>: the four accuracies and per-shot accuracy of a checkpoint.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<FileInfo>("--checkpoint") { Description = "A .ckpt file written by train.", Required = true };
        var sequences = new Option<int?>("--sequences") { Description = "Sequences per set (default: the run's evalSequences)." };
        var command = new Command("eval", "Evaluate a checkpoint on S_id_train, S_id_test, S_ood_train and S_ood_test.") { checkpoint, sequences };
        command.SetAction(result =>
        {
            var file = result.GetValue(checkpoint)!;
            if (!file.Exists) return TrainCommand.Fail($"--checkpoint: file not found: {file.FullName}");
            int? n = result.GetValue(sequences);
            if (n is < 1 or > 65536) return TrainCommand.Fail($"--sequences: must be between 1 and 65536; got {n}");

            CheckpointHeader header;
            try { header = Checkpoint.ReadHeader(file.FullName); }
            catch (InvalidDataException e) { return TrainCommand.Fail("--checkpoint: " + e.Message); }
            var config = n is null ? header.Config : header.Config with { EvalSequences = n.Value };
            TorchRuntime.UseThreads(config.Threads);
            var device = TorchRuntime.Resolve(config.Device);
            var (model, _) = Checkpoint.LoadModel(file.FullName, device);
            using var _model = model;
            using var data = new ExperimentData(config);
            var evaluator = new Evaluator(data, device);

            AnsiConsole.MarkupLine($"checkpoint step {header.Step} ({header.Kind}), p = {config.P}, k = {config.ExamplesPerSequence}, chance {100.0 / config.P:F1}%");
            var table = new Table().AddColumns("set", "loss", "accuracy (mean over shots)", "last-shot accuracy");
            var perShot = new Table().AddColumn("set");
            for (int i = 0; i < config.ExamplesPerSequence; i++) perShot.AddColumn(i.ToString());
            foreach (var set in Enum.GetValues<EvalSet>())
            {
                var m = evaluator.Evaluate(model, set);
                if (m is null) { table.AddRow(set.ToString(), "-", "(empty set)", "-"); continue; }
                table.AddRow(set.ToString(), m.Loss.ToString("F4"), $"{100 * m.Accuracy:F1}%", $"{100 * m.LastShotAccuracy:F1}%");
                perShot.AddRow([set.ToString(), .. m.PerShot.Select(v => (100 * v).ToString("F0"))]);
            }
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine("accuracy (%) by number of in-context examples before the query:");
            AnsiConsole.Write(perShot);
            return 0;
        });
        return command;
    }
}
