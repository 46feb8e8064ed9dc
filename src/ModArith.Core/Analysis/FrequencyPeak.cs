namespace ModArith.Core.Analysis;

/// <summary>
/// One dominant 2-D frequency of a p×p map: (Fx, Fy) with each in -(p-1)/2..(p-1)/2, standing for
/// itself and its conjugate (-Fx, -Fy) (a real map has equal power at both); Share is their power
/// as a fraction of all non-constant power.
/// </summary>
public sealed record FrequencyPeak(int Fx, int Fy, double Share);
