namespace ModArith.Core.Analysis;

/// <summary>Accuracy per shot count (index i: i examples before the query) on i.d. and o.o.d. tasks; null where the run has no such set.</summary>
public sealed record ShotCurves(string IdSet, double[]? Id, string OodSet, double[]? Ood, int SequencesPerSet);
