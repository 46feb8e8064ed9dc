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
    void OnCheckpoint(CheckpointInfo checkpoint) { }
}
