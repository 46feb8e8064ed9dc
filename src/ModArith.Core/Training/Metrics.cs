using ModArith.Core.Analysis.Structure;
using ModArith.Core.Data;

namespace ModArith.Core.Training;

/// <summary>
/// Accuracy and loss of one evaluation set. Accuracy is computed per task, then averaged over
/// tasks; <see cref="PerShot"/>[i] is the accuracy of the prediction of z_i with i examples before it.
/// </summary>
public sealed record SetMetrics(double Loss, double Accuracy, double LastShotAccuracy, double[] PerShot);

/// <summary>One evaluation: the four sets (null where a set is empty, e.g. test pairs at alpha = 1).</summary>
public sealed record EvaluationResult
{
    public required int Step { get; init; }
    public required double WallSeconds { get; init; }
    public required double LearningRate { get; init; }
    /// <summary>Mean training loss over the steps since the previous evaluation.</summary>
    public required double TrainLoss { get; init; }
    public SetMetrics? IdTrain { get; init; }
    public SetMetrics? IdTest { get; init; }
    public SetMetrics? OodTrain { get; init; }
    public SetMetrics? OodTest { get; init; }
    /// <summary>The model's structure at this step (structureMetrics key); null when the key is off or in runs from before it.</summary>
    public StructureMetrics? Structure { get; init; }

    public SetMetrics? this[EvalSet set] => set switch
    {
        EvalSet.IdTrain => IdTrain,
        EvalSet.IdTest => IdTest,
        EvalSet.OodTrain => OodTrain,
        _ => OodTest,
    };
}

/// <summary>Reported after every optimisation step (cheap: no evaluation).</summary>
public sealed record StepProgress(int Step, int TotalSteps, double Loss, double LearningRate, double StepsPerSecond, double EtaSeconds);

/// <summary>
/// One point of the per-step curves, reported every logEvery steps: the mean training loss over the
/// steps since the previous point (so no step's loss is left out), the learning rate of this step,
/// and the global L2 norm of the gradients of this step before any clipping.
/// </summary>
public sealed record TrainingLogPoint(int Step, double TrainLoss, double LearningRate, double GradNorm);

/// <summary>Reported once when training starts or resumes.</summary>
public sealed record TrainingStarted(string Device, long Parameters, int StartStep, int TotalSteps, int IdTasks, int OodTasks, int TrainPairs, int TestPairs);

public enum CheckpointKind
{
    /// <summary>One of the log-spaced checkpoints kept for analysis and early stopping.</summary>
    LogSpaced,
    /// <summary>The most recent state; overwritten at every evaluation and on cancel, used to resume.</summary>
    Last,
    /// <summary>The state with the best o.o.d. test accuracy so far (early stopping).</summary>
    BestOod,
}

/// <summary>A checkpoint file written during training.</summary>
public sealed record CheckpointInfo(string Path, int Step, CheckpointKind Kind);

/// <summary>
/// How a call to <see cref="TrainingRun.Train"/> ended. <see cref="StoppedEarly"/>: the stopPatience
/// rule ended it before its last step (o.o.d. test accuracy had stopped improving).
/// </summary>
public sealed record TrainingOutcome(int FinalStep, bool Cancelled, int BestOodStep, double BestOodAccuracy, EvaluationResult? LastEvaluation)
{
    public bool StoppedEarly { get; init; }
}
