namespace ModArith.Core.Sweeps;

/// <summary>
/// A run's phase at its best-o.o.d. evaluation (the early-stopping checkpoint) and at its latest
/// evaluation; <see cref="Transient"/> when o.o.d. test accuracy fell more than the margin below
/// its peak, i.e. o.o.d. generalization was reached and then lost.
/// </summary>
public sealed record RunPhases(Phase? AtBestOod, Phase? AtEnd, bool Transient);
