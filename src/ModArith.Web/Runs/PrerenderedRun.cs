using ModArith.Data;

namespace ModArith.Web.Runs;

/// <summary>
/// What a run's pages read while prerendering, handed to the interactive page
/// (<see cref="Components.PrerenderHandoff"/>) so it shows them at once: it showed "Loading…" (the
/// inside page: "no checkpoint yet") over the prerendered facts while it asked the store again.
/// </summary>
public sealed record PrerenderedRun(Run Run, string? SweepName, List<CheckpointRecord> Checkpoints);
