using System.Diagnostics;

namespace ModArith.Core.Tests;

/// <summary>Runs the built CLI as a user would, in a child process.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("modarith-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static (int ExitCode, string Out, string Err) Cli(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "modarith.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Invalid_config_is_refused_with_every_field_named_and_nothing_written()
    {
        var outDir = Path.Combine(dir, "run");
        var (code, _, err) = Cli("train", "--preset", "cpu-small", "--set", "p=8", "--set", "alpha=0", "--set", "heads=5", "--out", outDir);
        Assert.NotEqual(0, code);
        Assert.Contains("p:", err);
        Assert.Contains("alpha:", err);
        Assert.Contains("heads:", err);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Malformed_config_file_is_refused()
    {
        var file = Path.Combine(dir, "bad.json");
        File.WriteAllText(file, "{ \"p\": 29, \"steps\": }");
        var (code, _, err) = Cli("train", "--config", file, "--out", Path.Combine(dir, "run"));
        Assert.NotEqual(0, code);
        Assert.Contains("not valid JSON", err);
        Assert.False(Directory.Exists(Path.Combine(dir, "run")));
    }

    [Fact]
    public void Bench_probes_time_each_variant_against_the_engine_and_refuse_an_unknown_preset()
    {
        var (bad, _, badErr) = Cli("bench", "--probes", "no-such-preset");
        Assert.NotEqual(0, bad);
        Assert.Contains("--probes: unknown preset 'no-such-preset'", badErr);

        var (code, output, err) = Cli("bench", "--probes", "cpu-small", "--rounds", "1", "--steps", "1", "--threads", "1");
        Assert.True(code == 0, err);
        // The engine's own row is the yardstick (1.00×); each variant gets a time and a ratio.
        Assert.Matches(@"fp32, fused attention \(the engine\)\s+[\d.]+\s+1\.00×", output);
        Assert.Matches(@"fp32, explicit softmax\S* attention\s+[\d.]+\s+[\d.]+×", output);
        Assert.Matches(@"bf16 weights and activations, fused attention\s+[\d.]+\s+[\d.]+×", output);
    }

    [Fact]
    public void Train_writes_metrics_and_checkpoints_then_eval_reads_them()
    {
        var outDir = Path.Combine(dir, "run");
        var (code, output, err) = Cli("train", "--preset", "cpu-small", "--set", "steps=20", "--set", "evalEvery=10", "--set", "evalSequences=64", "--set", "threads=1", "--out", outDir);
        Assert.True(code == 0, err);
        Assert.Matches(@"Structure metrics: [\d.]+ s of [\d.]+ s \([\d.]+% of this run's time", output); // their cost, as measured on this run
        var csv = File.ReadAllLines(Path.Combine(outDir, "metrics.csv"));
        Assert.StartsWith("step,wallSeconds,learningRate,trainLoss,idTrainLoss,idTrainAccuracy", csv[0]);
        Assert.Equal(["10", "20"], csv.Skip(1).Select(l => l.Split(',')[0]));
        // The structure metrics (structureMetrics is on by default) are columns of every row.
        var header = csv[0].Split(',');
        Assert.EndsWith(",idCopyFreeAccuracy,oodCopyFreeAccuracy,ratioMatchingAgreement,modularRegressionAgreement,embeddingTopFrequencyShare", csv[0]);
        foreach (var row in csv.Skip(1))
        {
            var cells = row.Split(',');
            Assert.Equal(header.Length, cells.Length);
            Assert.InRange(double.Parse(cells[Array.IndexOf(header, "oodCopyFreeAccuracy")], System.Globalization.CultureInfo.InvariantCulture), 0, 1);
            Assert.InRange(double.Parse(cells[^1], System.Globalization.CultureInfo.InvariantCulture), 0, 1);
        }
        Assert.Equal(2, File.ReadAllLines(Path.Combine(outDir, "metrics.jsonl")).Length);
        // The per-step curves every logEvery (default 10) steps, in the dashboard's per-step CSV layout.
        var series = File.ReadAllLines(Path.Combine(outDir, "series.csv"));
        Assert.Equal("step,trainLoss,learningRate,gradNorm", series[0]);
        Assert.Equal(["10", "20"], series.Skip(1).Select(l => l.Split(',')[0]));
        Assert.All(series.Skip(1), l => Assert.All(l.Split(','), cell => Assert.True(double.TryParse(cell, System.Globalization.CultureInfo.InvariantCulture, out _), l)));
        Assert.Contains("\"attention\":[{\"layer\":0,\"head\":0,", File.ReadAllText(Path.Combine(outDir, "metrics.jsonl")));
        Assert.Contains("perShot", File.ReadAllText(Path.Combine(outDir, "metrics.jsonl")));
        Assert.True(File.Exists(Path.Combine(outDir, "checkpoints", "last.ckpt")));

        var (evalCode, evalOut, evalErr) = Cli("eval", "--checkpoint", Path.Combine(outDir, "checkpoints", "last.ckpt"), "--sequences", "32");
        Assert.True(evalCode == 0, evalErr);
        Assert.Contains("OodTest", evalOut);
        Assert.Contains("step 20", evalOut);

        // A second train into the same directory is refused rather than overwriting the run.
        var (again, _, againErr) = Cli("train", "--preset", "cpu-small", "--out", outDir);
        Assert.NotEqual(0, again);
        Assert.Contains("--resume", againErr);
    }

    private static Process StartCli(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "modarith.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        var process = Process.Start(psi)!;
        // Drain both pipes so the child never blocks on a full one.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Metric rows without the wall-clock column (the only one that may differ between two runs).</summary>
    private static string[] MetricRows(string runDir) =>
        File.ReadAllLines(Path.Combine(runDir, "metrics.csv")).Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 1))).ToArray();

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_real_signal_mid_run_keeps_a_checkpoint_and_the_resumed_run_equals_an_uninterrupted_one(string signal)
    {
        string[] config = ["--preset", "cpu-small", "--set", "steps=300", "--set", "evalEvery=50", "--set", "evalSequences=32",
            "--set", "dModel=16", "--set", "heads=2", "--set", "threads=1"];
        var straight = Path.Combine(dir, "straight");
        var (code, _, err) = Cli(["train", .. config, "--out", straight]);
        Assert.True(code == 0, err);

        var interrupted = Path.Combine(dir, "interrupted");
        using (var training = StartCli(["train", .. config, "--out", interrupted]))
        {
            // Past the second evaluation (step 100), then the signal lands between evaluations.
            var metrics = Path.Combine(interrupted, "metrics.csv");
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while ((!File.Exists(metrics) || File.ReadAllLines(metrics).Length < 3) && DateTime.UtcNow < deadline && !training.HasExited)
                await Task.Delay(20);
            Assert.False(training.HasExited, "the run ended before it could be interrupted");
            await Task.Delay(150);
            using (var kill = Process.Start("kill", [$"-{signal}", training.Id.ToString()])) await kill.WaitForExitAsync();
            await training.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(130, training.ExitCode);
        }
        var checkpoint = Core.Training.Checkpoint.ReadHeader(Path.Combine(interrupted, "checkpoints", "last.ckpt"));
        Assert.InRange(checkpoint.Step, 101, 299);
        Assert.True(MetricRows(interrupted).Length < MetricRows(straight).Length, "the interrupted run should not have finished");

        var (resumed, _, resumeErr) = Cli("train", "--resume", interrupted);
        Assert.True(resumed == 0, resumeErr);
        Assert.Equal(MetricRows(straight), MetricRows(interrupted));
        // The per-step curves too: cut at the checkpoint, then continued, each step once.
        Assert.Equal(File.ReadAllLines(Path.Combine(straight, "series.csv")).Select(l => l.Split(',')[0]),
            File.ReadAllLines(Path.Combine(interrupted, "series.csv")).Select(l => l.Split(',')[0]));
    }
    [Fact]
    public void A_finished_run_continued_with_more_steps_equals_one_trained_that_long()
    {
        // A constant learning rate, so the schedule does not depend on where the run ends.
        string[] config = ["--preset", "cpu-small", "--set", "evalEvery=50", "--set", "evalSequences=32", "--set", "dModel=16",
            "--set", "heads=2", "--set", "threads=1", "--set", "warmupSteps=0", "--set", "minLearningRateRatio=1"];
        var straight = Path.Combine(dir, "straight200");
        var (code, _, err) = Cli(["train", .. config, "--set", "steps=200", "--out", straight]);
        Assert.True(code == 0, err);

        var extended = Path.Combine(dir, "extended");
        (code, _, err) = Cli(["train", .. config, "--set", "steps=100", "--out", extended]);
        Assert.True(code == 0, err);
        Assert.Equal(3, MetricRows(extended).Length); // header, step 50, step 100

        // Resumed as it is, a finished run has nothing to train: said, with the way to go on, and its files untouched.
        var before = MetricRows(extended);
        var (asIs, asIsOut, asIsErr) = Cli("train", "--resume", extended);
        Assert.True(asIs == 0, asIsErr);
        var said = System.Text.RegularExpressions.Regex.Replace(asIsOut, @"\s+", " "); // the console wraps long lines
        Assert.Contains("already reached its last step (100)", said);
        Assert.Contains($"--resume {extended} --steps N", said);
        Assert.Equal(before, MetricRows(extended));

        // Not past the checkpoint: refused, naming the option and the rule, and nothing is changed.
        var (refused, _, refusedErr) = Cli("train", "--resume", extended, "--steps", "100");
        Assert.Equal(2, refused);
        Assert.Contains("--steps: must be greater than the checkpoint's step (100)", refusedErr);
        var (alone, _, aloneErr) = Cli("train", "--preset", "cpu-small", "--steps", "50", "--out", Path.Combine(dir, "never"));
        Assert.Equal(2, alone);
        Assert.Contains("--steps: only with --resume", aloneErr);
        Assert.False(Directory.Exists(Path.Combine(dir, "never")));

        (code, _, err) = Cli("train", "--resume", extended, "--steps", "200");
        Assert.True(code == 0, err);
        Assert.Equal(MetricRows(straight), MetricRows(extended));
        Assert.Contains("\"steps\": 200", File.ReadAllText(Path.Combine(extended, "config.json")));
        Assert.Equal(200, Core.Training.Checkpoint.ReadHeader(Path.Combine(extended, "checkpoints", "last.ckpt")).Step);
    }
}
