using ModArith.Core.Config;
using ModArith.Core.Training;
using TorchSharp;

namespace ModArith.Core.Tests;

public sealed class TrainingTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("modarith-test-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private sealed class Recorder(Func<StepProgress, bool>? cancelWhen = null, CancellationTokenSource? cts = null) : ITrainingObserver
    {
        public List<EvaluationResult> Evaluations { get; } = [];
        public List<CheckpointInfo> Checkpoints { get; } = [];
        public void OnEvaluation(EvaluationResult result) => Evaluations.Add(result);
        public void OnCheckpoint(CheckpointInfo checkpoint) => Checkpoints.Add(checkpoint);
        public void OnStep(StepProgress progress) { if (cancelWhen?.Invoke(progress) == true) cts!.Cancel(); }
    }

    private static string Signature(EvaluationResult r) =>
        $"{r.Step}:{r.TrainLoss:R}:{r.IdTrain!.Accuracy:R}:{r.IdTest!.Loss:R}:{r.OodTest!.Accuracy:R}:{string.Join(",", r.OodTrain!.PerShot)}";

    [Fact]
    public void Learning_rate_warms_up_from_one_percent_then_decays_to_the_floor()
    {
        var c = new RunConfig { LearningRate = 1e-3, WarmupSteps = 100, Steps = 1100, MinLearningRateRatio = 0.1 };
        Assert.Equal(1e-5, LearningRateSchedule.At(0, c), precision: 12);
        Assert.Equal(1e-3, LearningRateSchedule.At(100, c), precision: 12);
        Assert.Equal(0.55e-3, LearningRateSchedule.At(600, c), precision: 12); // half-way down the cosine
        Assert.Equal(1e-4, LearningRateSchedule.At(1100, c), precision: 12);
        Assert.True(LearningRateSchedule.At(50, c) < LearningRateSchedule.At(60, c));
    }

    [Fact]
    public void Log_spaced_checkpoints_are_evaluation_steps_spread_geometrically()
    {
        var steps = CheckpointSchedule.LogSpacedSteps(evalEvery: 1000, totalSteps: 200_000, count: 8).ToArray();
        Assert.Equal(8, steps.Length);
        Assert.Equal(1000, steps[0]);
        Assert.Equal(200_000, steps[^1]);
        Assert.All(steps, s => Assert.Equal(0, s % 1000));
        // geometric: ratios between neighbours are roughly constant (~2.13)
        Assert.All(steps.Zip(steps.Skip(1)), pair => Assert.InRange((double)pair.Second / pair.First, 1.8, 2.6));
    }

    private sealed class LogRecorder : ITrainingObserver
    {
        public List<double> StepLosses { get; } = [];
        public List<TrainingLogPoint> Logged { get; } = [];
        public void OnStep(StepProgress progress) => StepLosses.Add(progress.Loss);
        public void OnLog(TrainingLogPoint point) => Logged.Add(point);
    }

    [Fact]
    public void Every_logEvery_steps_the_mean_loss_the_learning_rate_and_the_unclipped_gradient_norm_are_reported()
    {
        // A clip far below the real norm: the reported norm must be the one before clipping.
        var config = TinyConfigs.Tiny(steps: 22) with { LogEvery = 5, GradClip = 1e-3 };
        using var run = TrainingRun.Start(config);
        var rec = new LogRecorder();
        run.Train(rec);

        Assert.Equal(new[] { 5, 10, 15, 20, 22 }, rec.Logged.Select(p => p.Step)); // and the last step
        int previous = 0;
        foreach (var p in rec.Logged)
        {
            Assert.Equal(rec.StepLosses.Skip(previous).Take(p.Step - previous).Average(), p.TrainLoss, 12);
            Assert.Equal(LearningRateSchedule.At(p.Step - 1, config), p.LearningRate, 15);
            Assert.True(double.IsFinite(p.GradNorm) && p.GradNorm > 100 * config.GradClip, $"gradient norm {p.GradNorm} at step {p.Step}");
            previous = p.Step;
        }
    }

    [Fact]
    public void Same_seed_gives_identical_metrics_and_another_seed_does_not()
    {
        var config = TinyConfigs.Tiny(steps: 20);
        string Run(RunConfig c)
        {
            using var run = TrainingRun.Start(c);
            var rec = new Recorder();
            run.Train(rec);
            return string.Join("|", rec.Evaluations.Select(Signature));
        }
        var first = Run(config);
        Assert.Equal(first, Run(config));
        Assert.NotEqual(first, Run(config with { Seed = 1 }));
    }

    [Fact]
    public void Cancelled_run_stops_within_one_step_and_resumes_bit_for_bit()
    {
        var config = TinyConfigs.Tiny(steps: 30);

        var straight = new Recorder();
        using (var run = TrainingRun.Start(config, Path.Combine(dir, "straight")))
            run.Train(straight);

        var cts = new CancellationTokenSource();
        var firstHalf = new Recorder(p => p.Step == 17, cts);
        var resumedDir = Path.Combine(dir, "resumed");
        using (var run = TrainingRun.Start(config, resumedDir))
        {
            var outcome = run.Train(firstHalf, cts.Token);
            Assert.True(outcome.Cancelled);
            Assert.Equal(17, outcome.FinalStep);
        }
        var secondHalf = new Recorder();
        using (var run = TrainingRun.Resume(Path.Combine(resumedDir, "last.ckpt"), resumedDir))
        {
            Assert.Equal(17, run.Step);
            run.Train(secondHalf);
        }

        var combined = firstHalf.Evaluations.Concat(secondHalf.Evaluations).Select(Signature);
        Assert.Equal(straight.Evaluations.Select(Signature), combined);

        var (a, _) = Checkpoint.LoadModel(Path.Combine(dir, "straight", "last.ckpt"), torch.CPU);
        var (b, _) = Checkpoint.LoadModel(Path.Combine(resumedDir, "last.ckpt"), torch.CPU);
        Assert.All(a.parameters().Zip(b.parameters()), pair => Assert.True(pair.First.equal(pair.Second).all().item<bool>()));
    }

    [Fact]
    public void Checkpoints_are_written_log_spaced_last_and_best_ood()
    {
        var config = TinyConfigs.Tiny(steps: 40) with { CheckpointCount = 3 };
        var rec = new Recorder();
        using (var run = TrainingRun.Start(config, dir))
            run.Train(rec);

        Assert.Equal([10, 20, 30, 40], rec.Evaluations.Select(e => e.Step));
        Assert.Equal(CheckpointSchedule.LogSpacedSteps(10, 40, 3).Order(), rec.Checkpoints.Where(c => c.Kind == CheckpointKind.LogSpaced).Select(c => c.Step));
        var last = Checkpoint.ReadHeader(Path.Combine(dir, "last.ckpt"));
        Assert.Equal(40, last.Step);
        var best = Checkpoint.ReadHeader(Path.Combine(dir, "best-ood.ckpt"));
        var bestEval = rec.Evaluations.MaxBy(e => e.OodTest!.Accuracy)!;
        Assert.Equal(bestEval.Step, best.Step);
        Assert.Equal(config, last.Config);
    }

    [Fact]
    public void Evaluation_reports_per_shot_accuracy_and_last_shot()
    {
        var config = TinyConfigs.Tiny(steps: 10);
        var rec = new Recorder();
        using (var run = TrainingRun.Start(config))
            run.Train(rec);
        var ood = rec.Evaluations.Single().OodTest!;
        Assert.Equal(config.ExamplesPerSequence, ood.PerShot.Length);
        Assert.Equal(ood.PerShot[^1], ood.LastShotAccuracy);
        Assert.Equal(ood.PerShot.Average(), ood.Accuracy, precision: 12);
        Assert.All(ood.PerShot, v => Assert.InRange(v, 0, 1));
    }

    [Fact]
    public void A_run_cancelled_before_its_first_evaluation_still_saves_a_checkpoint_it_can_resume_from()
    {
        // No evaluation yet: the best o.o.d. accuracy is still -Infinity, which the header must hold.
        var config = TinyConfigs.Tiny(steps: 20);
        var cts = new CancellationTokenSource();
        var directory = Path.Combine(dir, "early");
        using (var run = TrainingRun.Start(config, directory))
            Assert.True(run.Train(new Recorder(p => p.Step == 2, cts), cts.Token).Cancelled);

        using var resumed = TrainingRun.Resume(Path.Combine(directory, "last.ckpt"), directory);
        Assert.Equal(2, resumed.Step);
        var outcome = resumed.Train();
        Assert.Equal(20, outcome.FinalStep);
        Assert.True(outcome.BestOodStep > 0);
    }

    [Fact]
    public void A_short_real_training_learns_the_in_distribution_tasks()
    {
        // 4 pre-training tasks (one rectangle) at p = 7, ~15 s on one thread: measured 45% mean and
        // 49% last-shot i.d. accuracy at step 400, from chance (14%) at the start.
        var config = TinyConfigs.Tiny(steps: 400) with { NumTasks = 4, BatchSize = 64, DModel = 64, LearningRate = 3e-3, WarmupSteps = 20, EvalEvery = 400, EvalSequences = 256, WeightDecay = 1.0 };
        var rec = new Recorder();
        using (var run = TrainingRun.Start(config))
            run.Train(rec);
        var idTrain = rec.Evaluations.Last().IdTrain!;
        Assert.True(idTrain.Accuracy > 2.5 / config.P, $"mean i.d. accuracy {idTrain.Accuracy:P1}");
        Assert.True(idTrain.LastShotAccuracy > 2.5 / config.P, $"last-shot i.d. accuracy {idTrain.LastShotAccuracy:P1}");
    }
}
