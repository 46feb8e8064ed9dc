using ModArith.Core.Config;

namespace ModArith.Core.Sweeps;

/// <summary>One run of an expanded sweep: its swept values and its validated config.</summary>
public sealed record SweepRunPlan(SweepPoint Point, RunConfig Config);

/// <summary>A sweep that passed every check: the spec and one validated config per grid point.</summary>
public sealed record SweepPlan(SweepSpec Spec, IReadOnlyList<SweepRunPlan> Runs);
