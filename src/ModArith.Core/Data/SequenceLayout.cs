using static TorchSharp.torch;

namespace ModArith.Core.Data;

/// <summary>
/// The sequence format: k examples of one task, each three tokens [x y z], no separators
/// (3k tokens). The model reads the first 3k-1 tokens; the loss is taken only where the next token
/// is a z, i.e. at input positions 3i+1 (the y of example i), the first being the 0-shot guess.
/// </summary>
public static class SequenceLayout
{
    /// <summary>Input positions whose next token is z_i: 1, 4, 7, ..., 3k-2.</summary>
    public static long[] ZPredictionPositions(int examples) =>
        Enumerable.Range(0, examples).Select(i => 3L * i + 1).ToArray();

    /// <summary>
    /// Builds token sequences [n, 3k] from each row's task (a, b) [n, 2] and its pairs [n, k, 2].
    /// </summary>
    public static Tensor Build(Tensor tasks, Tensor pairs, int p)
    {
        var x = pairs.select(-1, 0);                      // [n, k]
        var y = pairs.select(-1, 1);
        var a = tasks.select(-1, 0).unsqueeze(1);         // [n, 1]
        var b = tasks.select(-1, 1).unsqueeze(1);
        var z = (a * x + b * y).remainder(p);
        return stack([x, y, z], dim: -1).view(tasks.shape[0], -1);
    }
}
