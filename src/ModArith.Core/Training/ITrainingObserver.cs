namespace ModArith.Core.Training;

/// <summary>
/// How training reports progress to whoever runs it (CLI progress bar, web job runner, tests).
/// Called synchronously on the training thread: implementations must return quickly and hand
/// slow work (I/O, network) to another thread.
/// </summary>
public interface ITrainingObserver
{
    void OnStarted(TrainingStarted info) { }
    void OnStep(StepProgress progress) { }
    void OnEvaluation(EvaluationResult result) { }
    /// <summary>Every logEvery steps: the per-step curves (training loss, learning rate, gradient norm).</summary>
    void OnLog(TrainingLogPoint point) { }
    void OnCheckpoint(CheckpointInfo checkpoint) { }
}
