namespace ModArith.Core.Analysis.Structure;

/// <summary>
/// Where one head looks from the positions that predict (y_i, whose next token is z_i) and that hold
/// an answer (z_i): the attention mass on the same example's x and y, and on earlier examples'
/// x, y and z, averaged over examples 2..n of the probe sequences.
/// </summary>
public sealed record AttentionPattern(
    int Layer, int Head,
    double YToOwnX, double YToEarlierX, double YToEarlierY, double YToEarlierZ,
    double ZToOwnX, double ZToOwnY, double ZToEarlierX, double ZToEarlierY, double ZToEarlierZ);
