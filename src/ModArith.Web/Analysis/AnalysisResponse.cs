using ModArith.Web.Api;

namespace ModArith.Web.Analysis;

/// <summary>
/// An analysis result with what it was computed on: the checkpoint, p, the task (and whether it is
/// one of the run's pre-training tasks), the shot count and the context used (absent for shots).
/// </summary>
public sealed record AnalysisResponse<T>(CheckpointDto Checkpoint, int P, int[]? Task, bool? TaskInDistribution, int? Shots, int[][]? Context, T Result);
