namespace ModArith.Data;

/// <summary>
/// A run's per-step curves (training loss, learning rate, gradient norm, logged every logEvery
/// steps) for a range of steps, packed into one blob: a 200k-step run logged every 10 steps is
/// 20,000 points, stored as about 40 rows of 16 bytes per point instead of 20,000 rows.
/// The writer appends to a run's last chunk until it holds <see cref="SeriesChunkCodec.Capacity"/>
/// points. Read and written only through <see cref="SeriesChunkCodec"/>.
/// </summary>
public class SeriesChunk
{
    public long Id { get; set; }
    public int RunId { get; set; }
    public int FirstStep { get; set; }
    public int LastStep { get; set; }
    public int Count { get; set; }

    /// <summary>Count points of (int32 step, float32 trainLoss, float32 learningRate, float32 gradNorm), little-endian.</summary>
    public byte[] Data { get; set; } = [];
}
