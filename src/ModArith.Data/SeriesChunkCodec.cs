using System.Buffers.Binary;

namespace ModArith.Data;

/// <summary>Packs and unpacks the points of a <see cref="SeriesChunk"/> (16 bytes each, little-endian).</summary>
public static class SeriesChunkCodec
{
    /// <summary>Points per chunk: large enough that a long run has few rows, small enough that appending rewrites little.</summary>
    public const int Capacity = 512;

    private const int PointSize = 16;

    public static byte[] Encode(IReadOnlyList<SeriesPoint> points)
    {
        var bytes = new byte[points.Count * PointSize];
        var span = bytes.AsSpan();
        for (int i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var at = span.Slice(i * PointSize, PointSize);
            BinaryPrimitives.WriteInt32LittleEndian(at, p.Step);
            BinaryPrimitives.WriteSingleLittleEndian(at[4..], p.TrainLoss);
            BinaryPrimitives.WriteSingleLittleEndian(at[8..], p.LearningRate);
            BinaryPrimitives.WriteSingleLittleEndian(at[12..], p.GradNorm);
        }
        return bytes;
    }

    public static List<SeriesPoint> Decode(byte[] data)
    {
        if (data.Length % PointSize != 0) throw new InvalidDataException($"a series chunk holds {PointSize}-byte points; got {data.Length} bytes");
        var points = new List<SeriesPoint>(data.Length / PointSize);
        var span = data.AsSpan();
        for (int at = 0; at < data.Length; at += PointSize)
        {
            var p = span.Slice(at, PointSize);
            points.Add(new SeriesPoint(BinaryPrimitives.ReadInt32LittleEndian(p), BinaryPrimitives.ReadSingleLittleEndian(p[4..]),
                BinaryPrimitives.ReadSingleLittleEndian(p[8..]), BinaryPrimitives.ReadSingleLittleEndian(p[12..])));
        }
        return points;
    }

    /// <summary>A chunk holding <paramref name="points"/> (step-ordered, at least one).</summary>
    public static SeriesChunk Create(int runId, IReadOnlyList<SeriesPoint> points) => new()
    {
        RunId = runId,
        FirstStep = points[0].Step,
        LastStep = points[^1].Step,
        Count = points.Count,
        Data = Encode(points),
    };

    /// <summary>Replaces a chunk's points (e.g. after appending to it or cutting it at a resume step).</summary>
    public static void Set(SeriesChunk chunk, IReadOnlyList<SeriesPoint> points)
    {
        chunk.FirstStep = points[0].Step;
        chunk.LastStep = points[^1].Step;
        chunk.Count = points.Count;
        chunk.Data = Encode(points);
    }
}
