namespace ModArith.Data;

/// <summary>One logged step of a run's per-step curves (see <see cref="SeriesChunk"/>).</summary>
public readonly record struct SeriesPoint(int Step, float TrainLoss, float LearningRate, float GradNorm);
