namespace ModArith.Web.Api;

/// <summary>
/// Where one head (layer, head) looks at one evaluation: the mean attention mass from the y positions
/// (which predict z) and from the z positions onto the same example's x / y and onto earlier examples'
/// x, y and z, over examples 2..k of the probe sequences. Each in [0, 1]; a position's shares sum to at most 1.
/// </summary>
public sealed record AttentionPatternDto(
    int Layer, int Head,
    double YToOwnX, double YToEarlierX, double YToEarlierY, double YToEarlierZ,
    double ZToOwnX, double ZToOwnY, double ZToEarlierX, double ZToEarlierY, double ZToEarlierZ);
