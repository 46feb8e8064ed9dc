using static TorchSharp.torch;

namespace ModArith.Core.Model;

/// <summary>
/// Rotary position embedding (RoPE): rotates each (i, i + d/2) pair of query/key features by an
/// angle proportional to the position, so q·k depends only on the relative offset. The cos/sin
/// tables are computed once per device and dtype (the model's, so a bf16 model stays bf16); they are
/// not parameters and are not saved.
/// </summary>
public sealed class RotaryEmbedding
{
    private readonly int headDim;
    private readonly double theta;
    private readonly int maxLength;
    private readonly Dictionary<string, (Tensor Cos, Tensor Sin)> tables = [];
    private readonly Lock gate = new();

    public RotaryEmbedding(int headDim, int maxLength, double theta)
    {
        if (headDim % 2 != 0) throw new ArgumentException("RoPE needs an even head dimension", nameof(headDim));
        this.headDim = headDim;
        this.maxLength = maxLength;
        this.theta = theta;
    }

    /// <summary>Applies the rotation to x of shape [batch, heads, time, headDim], positions 0..time-1.</summary>
    public Tensor Apply(Tensor x) => Apply(x, start: 0);

    /// <summary>As <see cref="Apply(Tensor)"/> for tokens at positions start..start+time-1 (a suffix after a cached prefix).</summary>
    public Tensor Apply(Tensor x, long start)
    {
        long time = x.shape[2];
        var (cos, sin) = Tables(x.device, x.dtype, Math.Max(start + time, maxLength));
        var c = cos[(int)start..(int)(start + time)];
        var s = sin[(int)start..(int)(start + time)];
        return x * c + RotateHalf(x) * s;
    }

    private static Tensor RotateHalf(Tensor x)
    {
        var halves = x.chunk(2, dim: -1);
        return cat([-halves[1], halves[0]], dim: -1);
    }

    private (Tensor Cos, Tensor Sin) Tables(Device device, ScalarType dtype, long length)
    {
        var key = $"{device}:{dtype}:{length}";
        lock (gate)
        {
            if (tables.TryGetValue(key, out var t)) return t;
            (Tensor, Tensor) entry;
            using (var scope = NewDisposeScope())
            {
                var invFreq = 1.0 / pow(theta, arange(0, headDim, 2, dtype: ScalarType.Float64) / headDim);
                var angles = outer(arange(length, dtype: ScalarType.Float64), invFreq);   // [T, d/2]
                var full = cat([angles, angles], dim: -1);                                  // [T, d]
                entry = (full.cos().to(dtype, device), full.sin().to(dtype, device));
                // Keep the tables for the model's lifetime, outside any caller's dispose scope.
                entry.Item1.DetachFromDisposeScope();
                entry.Item2.DetachFromDisposeScope();
            }
            tables[key] = entry;
            return entry;
        }
    }
}
