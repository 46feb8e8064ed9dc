using ModArith.Data;
using ModArith.Web.Analysis;

namespace ModArith.Web.Components.Inside;

/// <summary>
/// What the Inside page asks every section for: the checkpoint and the shared analysis parameters
/// (task, shots, seed or typed context). Each section adds its own (query, layer, sequences…).
/// <see cref="Generation"/> grows with every new query: a section's result for an older one is stale.
/// </summary>
public sealed record InsideQuery(int RunId, CheckpointRecord Checkpoint, AnalysisRequest Request, int Generation);
