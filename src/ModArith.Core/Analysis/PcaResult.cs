namespace ModArith.Core.Analysis;

/// <summary>
/// Principal components of a point cloud: ExplainedVariance[j] is the fraction of the total variance
/// along component j; Projections[i][j] is point i's coordinate on component j (centred);
/// Components[j] is the unit direction of component j.
/// </summary>
public sealed record PcaResult(double[] ExplainedVariance, double[][] Projections, double[][] Components);
