using static TorchSharp.torch;

namespace ModArith.Core.Analysis;

/// <summary>
/// The p² queries (x, y) in row-major order (row = x, column = y), as the suffix tokens that end
/// a sequence at a chosen position of the query example: [x], [x y] or [x y z].
/// </summary>
public static class QueryGrid
{
    public static Tensor Suffixes(AnalysisContext context, QueryPosition upTo)
    {
        int p = context.P, length = (int)upTo + 1;
        var tokens = new long[p * p * length];
        for (int x = 0, row = 0; x < p; x++)
            for (int y = 0; y < p; y++, row++)
            {
                long[] query = [x, y, context.Task.Apply(x, y, p)];
                Array.Copy(query, 0, tokens, row * length, length);
            }
        return tensor(tokens, dtype: ScalarType.Int64).view(p * p, length);
    }

    /// <summary>A flat row-major p² vector as grid[x][y].</summary>
    public static T[][] ToGrid<T>(IReadOnlyList<T> flat, int p) =>
        Enumerable.Range(0, p).Select(x => Enumerable.Range(0, p).Select(y => flat[x * p + y]).ToArray()).ToArray();
}
