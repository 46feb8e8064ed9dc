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
        Assert.Contains("malformed JSON", err);
        Assert.False(Directory.Exists(Path.Combine(dir, "run")));
    }

    [Fact]
    public void Train_writes_metrics_and_checkpoints_then_eval_reads_them()
    {
        var outDir = Path.Combine(dir, "run");
        var (code, _, err) = Cli("train", "--preset", "cpu-small", "--set", "steps=20", "--set", "evalEvery=10", "--set", "evalSequences=64", "--set", "threads=1", "--out", outDir);
        Assert.True(code == 0, err);
        var csv = File.ReadAllLines(Path.Combine(outDir, "metrics.csv"));
        Assert.StartsWith("step,wallSeconds,learningRate,trainLoss,idTrainLoss,idTrainAccuracy", csv[0]);
        Assert.Equal(["10", "20"], csv.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(outDir, "metrics.jsonl")).Length);
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
}
