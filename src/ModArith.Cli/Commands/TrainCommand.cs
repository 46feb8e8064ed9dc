using System.CommandLine;
using System.Text.Json.Nodes;
using ModArith.Cli.Output;
using ModArith.Core.Config;
using ModArith.Core.Training;
using Spectre.Console;

namespace ModArith.Cli.Commands;

/// <summary>
/// <c>train</c>: a new run from a preset and/or config file with --set overrides, or --resume of a
/// stopped one. The config is validated completely before anything is written to --out.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var preset = new Option<string?>("--preset") { Description = "Named base config (see `modarith presets`)." };
        var config = new Option<FileInfo?>("--config") { Description = "JSON config file of camelCase keys; --preset and --set override it." };
        var set = new Option<string[]>("--set") { Description = "Override one key: --set key=value (repeatable).", AllowMultipleArgumentsPerToken = false };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Directory for config.json, metrics.csv, metrics.jsonl and checkpoints/ (must be new or empty)." };
        var resume = new Option<DirectoryInfo?>("--resume") { Description = "Continue the run in this directory from its last checkpoint." };
        var steps = new Option<int?>("--steps") { Description = "With --resume: train until this total step instead of the run's configured end, e.g. to continue a finished run for longer. The learning-rate schedule follows the new end (a constant rate is unchanged; a cosine decay is stretched)." };

        var command = new Command("train", "Train a model; Ctrl+C stops after the current step and keeps a resumable checkpoint.\n\n" + ConfigHelp.KeysText())
        {
            preset, config, set, output, resume, steps,
        };
        command.SetAction((result, cancellation) =>
        {
            var resumeDir = result.GetValue(resume);
            var totalSteps = result.GetValue(steps);
            if (resumeDir is not null)
                return Task.FromResult(Resume(new RunDirectory(resumeDir.FullName), totalSteps, cancellation));
            if (totalSteps is not null)
                return Task.FromResult(Fail("--steps: only with --resume; a new run sets its length with --set steps=N"));
            var outDir = result.GetValue(output);
            if (outDir is null)
                return Task.FromResult(Fail("--out: required for a new run (or use --resume DIR)"));
            return Task.FromResult(StartNew(result.GetValue(preset), result.GetValue(config), result.GetValue(set) ?? [], new RunDirectory(outDir.FullName), cancellation));
        });
        return command;
    }

    private static int StartNew(string? preset, FileInfo? configFile, string[] overrides, RunDirectory dir, CancellationToken cancellation)
    {
        RunConfig config;
        try
        {
            config = LoadConfig(preset, configFile, overrides);
        }
        catch (InvalidConfigException e)
        {
            return Fail(e.Errors.Select(x => x.ToString()).ToArray());
        }
        if (!dir.IsFreeForNewRun)
            return Fail($"--out: {dir.Root} already holds files; choose a new directory or continue it with --resume");

        // Build the run (data, model, device) before writing anything, so a failure leaves no half-made directory.
        using var run = TrainingRun.Start(config, dir.CheckpointDirectory);
        Directory.CreateDirectory(dir.CheckpointDirectory);
        File.WriteAllText(dir.ConfigPath, ConfigJson.Serialize(config, indented: true));
        var metrics = new MetricsFiles(dir);
        metrics.Create();
        return Train(run, dir, metrics, cancellation);
    }

    private static int Resume(RunDirectory dir, int? totalSteps, CancellationToken cancellation)
    {
        if (!File.Exists(dir.LastCheckpointPath))
            return Fail($"--resume: no checkpoint at {dir.LastCheckpointPath}");
        TrainingRun resumed;
        // The only rule Resume checks is the new end's (past the checkpoint's step): --steps.
        try { resumed = TrainingRun.Resume(dir.LastCheckpointPath, dir.CheckpointDirectory, totalSteps); }
        catch (InvalidConfigException e) { return Fail(e.Errors.Select(x => $"--steps: {x.Message}").ToArray()); }
        using var run = resumed;
        if (run.Step >= run.Config.Steps)
        {
            // A finished run resumed as it is: nothing to train, and nothing in its directory is touched.
            AnsiConsole.MarkupLine($"[yellow]Nothing to train:[/] the run already reached its last step ({run.Step}). Train it longer with: modarith train --resume {Markup.Escape(dir.Root)} --steps N (N > {run.Step})");
            return 0;
        }
        var metrics = new MetricsFiles(dir);
        metrics.TruncateAfter(run.Step);
        // config.json says what the run now is: its new end, the rest unchanged.
        if (totalSteps is not null)
            File.WriteAllText(dir.ConfigPath, ConfigJson.Serialize(run.Config, indented: true));
        return Train(run, dir, metrics, cancellation);
    }

    /// <summary>Reads the config file (if any), applies --preset and --set, validates everything.</summary>
    public static RunConfig LoadConfig(string? preset, FileInfo? configFile, IEnumerable<string> overrides)
    {
        string? json = null;
        if (configFile is not null)
        {
            if (!configFile.Exists) throw new InvalidConfigException([new ConfigError("--config", $"file not found: {configFile.FullName}")]);
            json = File.ReadAllText(configFile.FullName);
        }
        var presetOverride = preset is null ? [] : new[] { "preset=" + JsonValue.Create(preset).ToJsonString() };
        return ConfigLoader.Load(json, presetOverride.Concat(overrides));
    }

    private static int Train(TrainingRun run, RunDirectory dir, MetricsFiles metrics, CancellationToken cancellation)
    {
        TrainingOutcome outcome = null!;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new ProgressBarColumn(), new PercentageColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
            .Start(ctx =>
            {
                var bar = ctx.AddTask("starting", maxValue: run.Config.Steps);
                outcome = run.Train(new ConsoleProgress(bar, metrics), cancellation);
            });
        // What the structure metrics cost this run, measured on the path every evaluation takes.
        if (run.StructureSeconds > 0)
            AnsiConsole.MarkupLine($"Structure metrics: {run.StructureSeconds:F1} s of {clock.Elapsed.TotalSeconds:F1} s ({100 * run.StructureSeconds / clock.Elapsed.TotalSeconds:F1}% of this run's time; structureMetrics=false turns them off).");
        if (outcome.Cancelled)
        {
            AnsiConsole.MarkupLine($"[yellow]Stopped at step {outcome.FinalStep}.[/] Continue with: modarith train --resume {Markup.Escape(dir.Root)}");
            return 130;
        }
        if (outcome.StoppedEarly)
            AnsiConsole.MarkupLine($"[yellow]Stopped early at step {outcome.FinalStep}:[/] o.o.d. test accuracy did not improve for {run.Config.StopPatience} evaluations (stopPatience).");
        AnsiConsole.MarkupLine($"[green]Done.[/] Best o.o.d. test accuracy {100 * outcome.BestOodAccuracy:F1}% at step {outcome.BestOodStep}. Output in {Markup.Escape(dir.Root)}");
        return 0;
    }

    internal static int Fail(params string[] problems)
    {
        Console.Error.WriteLine("error: invalid input");
        foreach (var p in problems) Console.Error.WriteLine("  " + p);
        return 2;
    }
}
