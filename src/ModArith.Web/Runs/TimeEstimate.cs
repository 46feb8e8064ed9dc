namespace ModArith.Web.Runs;

/// <summary>
/// How long runs will take on this machine: <see cref="Seconds"/> of wall time (null when some shape
/// has never been measured here), and how it was reached, in words.
/// </summary>
public sealed record TimeEstimate(double? Seconds, string Basis);
