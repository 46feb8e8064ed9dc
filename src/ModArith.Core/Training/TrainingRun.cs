using System.Diagnostics;
using ModArith.Core.Analysis.Structure;
using ModArith.Core.Config;
using ModArith.Core.Data;
using ModArith.Core.Model;
using ModArith.Core.Tasks;
using ModArith.Core.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModArith.Core.Training;

/// <summary>
/// One training run, read top to bottom: build data, model and optimizer from the config (or a
/// checkpoint), then step: sample a balanced batch, set the scheduled learning rate, forward,
/// cross-entropy at the z positions, backward, (clip), AdamW step; evaluate and checkpoint every
/// evalEvery steps. Call <see cref="Train"/> on a dedicated thread: dispose scopes and grad mode
/// are per thread.
/// </summary>
public sealed class TrainingRun : IDisposable
{
    public RunConfig Config { get; }
    public ExperimentData Data { get; }
    public Gpt Model { get; }
    public Device Device { get; }
    public int Step { get; private set; }

    private readonly AdamW optimizer;
    private readonly Generator batchGenerator;
    private readonly SequenceSampler sampler;
    private readonly Evaluator evaluator;
    private readonly string? checkpointDirectory;
    private readonly IReadOnlySet<int> logSpacedSteps;
    private readonly Tensor zPositions;
    private int bestOodStep = -1;
    private double bestOodAccuracy = double.NegativeInfinity;
    private int evaluationsSinceOodImprovement;
    private double wallSecondsBefore;
    private double lossSinceEval;
    private int stepsSinceEval;
    private double lossSinceLog;
    private int stepsSinceLog;

    private TrainingRun(RunConfig config, string? checkpointDirectory)
    {
        Config = config;
        this.checkpointDirectory = checkpointDirectory;
        Device = TorchRuntime.Resolve(config.Device);
        Data = new ExperimentData(config);
        sampler = new SequenceSampler(Data);
        evaluator = new Evaluator(Data, Device);
        logSpacedSteps = CheckpointSchedule.LogSpacedSteps(config.EvalEvery, config.Steps, config.CheckpointCount);

        using (var initGenerator = new Generator((ulong)Seeds.Derive(config.Seed, Seeds.Init)))
            Model = new Gpt(ModelShape.From(config), initGenerator);
        Model.to(Device);
        optimizer = CreateOptimizer(Model, config); // after the move: AdamW state lives beside the weights
        batchGenerator = new Generator((ulong)Seeds.Derive(config.Seed, Seeds.Batches));
        zPositions = tensor(SequenceLayout.ZPredictionPositions(config.ExamplesPerSequence), device: Device).DetachFromDisposeScope();
    }

    /// <summary>A fresh run. Checkpoints go to <paramref name="checkpointDirectory"/> when given.</summary>
    public static TrainingRun Start(RunConfig config, string? checkpointDirectory = null) => new(config, checkpointDirectory);

    /// <summary>
    /// Continues from a checkpoint exactly where it stopped (weights, optimizer, batch stream, step).
    /// <paramref name="totalSteps"/> moves the run's end (to train a finished run for longer): the
    /// learning-rate schedule is computed against the new end, so a constant rate continues
    /// unchanged while a cosine decay is stretched from the resumed step on.
    /// </summary>
    public static TrainingRun Resume(string checkpointPath, string? checkpointDirectory = null, int? totalSteps = null)
    {
        var header = Checkpoint.ReadHeader(checkpointPath);
        if (totalSteps is { } end && end <= header.Step)
            throw new InvalidConfigException([new ConfigError("steps", $"must be greater than the checkpoint's step ({header.Step}) to continue the run; got {end}")]);
        var config = totalSteps is { } newEnd ? header.Config with { Steps = newEnd } : header.Config;
        var run = new TrainingRun(config, checkpointDirectory);
        Checkpoint.Load(checkpointPath, run.Model, run.optimizer);
        using (var state = tensor(header.BatchGeneratorState, dtype: ScalarType.Byte))
            run.batchGenerator.set_state(state);
        run.Step = header.Step;
        run.bestOodStep = header.BestOodStep;
        run.bestOodAccuracy = header.BestOodAccuracy;
        run.evaluationsSinceOodImprovement = header.EvaluationsSinceOodImprovement;
        run.wallSecondsBefore = header.WallSeconds;
        run.lossSinceEval = header.LossSinceEvaluation;
        run.stepsSinceEval = header.StepsSinceEvaluation;
        return run;
    }

    /// <summary>
    /// Decoupled weight decay on matrices and embeddings (rank >= 2) only; LayerNorm weights and
    /// biases are not decayed.
    /// </summary>
    private static AdamW CreateOptimizer(Gpt model, RunConfig c)
    {
        var parameters = model.parameters().ToList();
        var groups = new[]
        {
            new AdamW.ParamGroup(parameters.Where(p => p.dim() >= 2), new AdamW.Options { weight_decay = c.WeightDecay }),
            new AdamW.ParamGroup(parameters.Where(p => p.dim() < 2), new AdamW.Options { weight_decay = 0 }),
        };
        return optim.AdamW(groups, lr: c.LearningRate, beta1: c.Beta1, beta2: c.Beta2, eps: 1e-8, weight_decay: c.WeightDecay);
    }

    /// <summary>Trains until the last step or until cancelled (stops within one step, saving a resumable checkpoint).</summary>
    public TrainingOutcome Train(ITrainingObserver? observer = null, CancellationToken cancellation = default)
    {
        TorchRuntime.UseThreads(Config.Threads);
        observer ??= NullObserver.Instance;
        observer.OnStarted(new TrainingStarted(Device.ToString(), Model.parameters().Sum(p => p.numel()), Step, Config.Steps,
            Data.Tasks.IdTasks.Count, Data.Tasks.OodTasks.Count, Data.Pairs.TrainPairs.Count, Data.Pairs.TestPairs.Count));

        var clock = Stopwatch.StartNew();
        var rate = new ThroughputMeter();
        EvaluationResult? lastEvaluation = null;
        Model.train();

        while (Step < Config.Steps)
        {
            if (cancellation.IsCancellationRequested)
            {
                SaveCheckpoint(CheckpointKind.Last, clock, observer, lastEvaluation);
                return new TrainingOutcome(Step, true, bestOodStep, bestOodAccuracy, lastEvaluation);
            }

            double lr = LearningRateSchedule.At(Step, Config);
            // The gradient norm costs a pass over the gradients: measured on logged steps only.
            bool logStep = (Step + 1) % Config.LogEvery == 0 || Step + 1 == Config.Steps;
            double loss = TrainStep(lr, measureGradNorm: logStep);
            lossSinceEval += loss;
            stepsSinceEval++;
            lossSinceLog += loss;
            stepsSinceLog++;
            rate.Tick(clock.Elapsed.TotalSeconds);
            observer.OnStep(new StepProgress(Step, Config.Steps, loss, lr, rate.StepsPerSecond, rate.EtaSeconds(Config.Steps - Step)));
            if (logStep)
            {
                observer.OnLog(new TrainingLogPoint(Step, lossSinceLog / stepsSinceLog, lr, lastGradNorm));
                lossSinceLog = 0;
                stepsSinceLog = 0;
            }

            if (CheckpointSchedule.IsEvaluationStep(Step, Config.EvalEvery, Config.Steps))
            {
                lastEvaluation = Evaluate(lossSinceEval / stepsSinceEval, lr, clock);
                lossSinceEval = 0;
                stepsSinceEval = 0;
                observer.OnEvaluation(lastEvaluation);
                SaveCheckpoints(lastEvaluation, clock, observer);
                if (Config.StopPatience > 0 && evaluationsSinceOodImprovement >= Config.StopPatience && Step < Config.Steps)
                    return new TrainingOutcome(Step, false, bestOodStep, bestOodAccuracy, lastEvaluation) { StoppedEarly = true };
            }
        }
        return new TrainingOutcome(Step, false, bestOodStep, bestOodAccuracy, lastEvaluation);
    }

    /// <summary>One optimisation step on a fresh balanced batch at the scheduled learning rate; returns the batch loss.</summary>
    public double TrainStep() => TrainStep(LearningRateSchedule.At(Step, Config), measureGradNorm: false);

    /// <summary>The global gradient L2 norm (before clipping) of the last step that measured it.</summary>
    private double lastGradNorm = double.NaN;

    private double TrainStep(double lr, bool measureGradNorm)
    {
        using var scope = NewDisposeScope();
        long t0 = Stopwatch.GetTimestamp();
        var batch = sampler.TrainingBatch(Config.BatchSize, batchGenerator);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
        long t1 = Stopwatch.GetTimestamp();

        var logits = Model.LogitsAt(batch.Inputs.to(Device), zPositions);                // [B, k, p]
        var loss = nn.functional.cross_entropy(logits.reshape(-1, Config.P), batch.Targets.to(Device).reshape(-1));
        double lossValue = loss.item<float>(); // also waits for the forward pass, so the timings split cleanly
        long t2 = Stopwatch.GetTimestamp();
        optimizer.zero_grad();
        loss.backward();
        if (measureGradNorm) lastGradNorm = GradientNorm();
        if (Config.GradClip > 0) nn.utils.clip_grad_norm_(Model.parameters(), Config.GradClip);
        long t3 = Stopwatch.GetTimestamp();
        optimizer.step();
        long t4 = Stopwatch.GetTimestamp();
        Timings.Add(t1 - t0, t2 - t1, t3 - t2, t4 - t3);
        Step++;
        return lossValue;
    }

    /// <summary>sqrt of the sum of every gradient's squared L2 norm (what clip_grad_norm_ compares with its limit).</summary>
    private double GradientNorm()
    {
        var squares = Model.parameters().Where(p => p.grad is not null).Select(p => p.grad!.pow(2).sum()).ToArray();
        return squares.Length == 0 ? 0 : Math.Sqrt(stack(squares).sum().item<float>());
    }

    /// <summary>Where training time goes (data, forward, backward, optimizer), summed over steps.</summary>
    public StepTimings Timings { get; } = new();

    /// <summary>Evaluates the four sets at the current step.</summary>
    private EvaluationResult Evaluate(double trainLoss, double lr, Stopwatch clock) => new()
    {
        Step = Step,
        WallSeconds = wallSecondsBefore + clock.Elapsed.TotalSeconds,
        LearningRate = lr,
        TrainLoss = trainLoss,
        IdTrain = evaluator.Evaluate(Model, EvalSet.IdTrain),
        IdTest = evaluator.Evaluate(Model, EvalSet.IdTest),
        OodTrain = evaluator.Evaluate(Model, EvalSet.OodTrain),
        OodTest = evaluator.Evaluate(Model, EvalSet.OodTest),
        Structure = Config.StructureMetrics ? MeasureStructure() : null,
    };

    /// <summary>
    /// The structure metrics exactly as an evaluation takes them: the default probe budget and probes
    /// drawn from a seed of their own (derived from the run's), the same at every evaluation, so a
    /// change between evaluations is the model's. Timed into <see cref="StructureSeconds"/>.
    /// </summary>
    public StructureMetrics MeasureStructure()
    {
        long start = Stopwatch.GetTimestamp();
        var metrics = StructureProbe.Measure(Model, Data, seed: Seeds.Derive(Config.Seed, Seeds.Structure));
        StructureSeconds += Stopwatch.GetElapsedTime(start).TotalSeconds;
        return metrics;
    }

    /// <summary>Seconds spent measuring structure in this process (what the structure metrics cost the run).</summary>
    public double StructureSeconds { get; private set; }

    private void SaveCheckpoints(EvaluationResult result, Stopwatch clock, ITrainingObserver observer)
    {
        // Early stopping: remember the step with the best o.o.d. generalisation (test pairs of unseen tasks).
        double ood = result.OodTest?.Accuracy ?? result.OodTrain?.Accuracy ?? double.NegativeInfinity;
        bool improved = ood > bestOodAccuracy;
        if (improved) { bestOodAccuracy = ood; bestOodStep = Step; evaluationsSinceOodImprovement = 0; }
        else evaluationsSinceOodImprovement++;
        if (checkpointDirectory is null) return;
        if (logSpacedSteps.Contains(Step)) SaveCheckpoint(CheckpointKind.LogSpaced, clock, observer, result);
        if (improved) SaveCheckpoint(CheckpointKind.BestOod, clock, observer, result);
        SaveCheckpoint(CheckpointKind.Last, clock, observer, result);
    }

    private void SaveCheckpoint(CheckpointKind kind, Stopwatch clock, ITrainingObserver observer, EvaluationResult? evaluation)
    {
        if (checkpointDirectory is null) return;
        var path = Path.Combine(checkpointDirectory, CheckpointFileName(kind, Step));
        using var state = batchGenerator.get_state();
        var header = new CheckpointHeader
        {
            Config = Config,
            Step = Step,
            Kind = kind,
            WallSeconds = wallSecondsBefore + clock.Elapsed.TotalSeconds,
            BatchGeneratorState = state.data<byte>().ToArray(),
            BestOodStep = bestOodStep,
            BestOodAccuracy = bestOodAccuracy,
            EvaluationsSinceOodImprovement = evaluationsSinceOodImprovement,
            LossSinceEvaluation = lossSinceEval,
            StepsSinceEvaluation = stepsSinceEval,
            Evaluation = evaluation?.Step == Step ? evaluation : null,
        };
        Checkpoint.Save(path, header, Model, optimizer);
        observer.OnCheckpoint(new CheckpointInfo(path, Step, kind));
    }

    public static string CheckpointFileName(CheckpointKind kind, int step) => kind switch
    {
        CheckpointKind.LogSpaced => $"step-{step:D7}.ckpt",
        CheckpointKind.BestOod => "best-ood.ckpt",
        _ => "last.ckpt",
    };

    public void Dispose()
    {
        zPositions.Dispose();
        optimizer.Dispose();
        batchGenerator.Dispose();
        Model.Dispose();
        Data.Dispose();
    }

    private sealed class NullObserver : ITrainingObserver
    {
        public static readonly NullObserver Instance = new();
    }
}
