namespace ModArith.Core.Sweeps;

/// <summary>
/// The accuracy (mean over shots) of the four evaluation sets at one evaluation; null where a
/// set is empty (e.g. no test pairs at alpha = 1) or not evaluated yet.
/// </summary>
public sealed record FourAccuracies(double? IdTrain, double? IdTest, double? OodTrain, double? OodTest);

/// <summary>One evaluation of a run, as the phase classification reads it.</summary>
public sealed record AccuracyPoint(int Step, FourAccuracies Accuracies);
