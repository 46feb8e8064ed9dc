namespace ModArith.Core.Analysis;

/// <summary>
/// The distinct partial suffixes of a set of rows, level by level: level j holds the distinct
/// first-(j+1)-token prefixes ("groups"). For a query grid [x y], level 0 has p groups (the x's)
/// and level 1 p² — so each distinct partial sequence is computed once.
/// </summary>
public sealed class SuffixTree
{
    /// <summary>Tokens[j][g]: the last token of group g at level j.</summary>
    public required long[][] Tokens { get; init; }

    /// <summary>Parent[j][g]: group g's parent at level j-1 (level 0: -1).</summary>
    public required long[][] Parent { get; init; }

    /// <summary>RowGroup[j][r]: the group of row r at level j.</summary>
    public required long[][] RowGroup { get; init; }

    public int Length => Tokens.Length;

    /// <summary>Rows given flat [n·s] in row-major order.</summary>
    public static SuffixTree Of(long[] flat, int rows, int length)
    {
        var tokens = new long[length][];
        var parents = new long[length][];
        var rowGroups = new long[length][];
        var previous = new long[rows];   // each row's group at the previous level (-1 before level 0)
        Array.Fill(previous, -1);
        for (int j = 0; j < length; j++)
        {
            var index = new Dictionary<(long Parent, long Token), long>();
            var levelTokens = new List<long>();
            var levelParents = new List<long>();
            var groupOf = new long[rows];
            for (int r = 0; r < rows; r++)
            {
                var key = (previous[r], flat[r * length + j]);
                if (!index.TryGetValue(key, out long g))
                {
                    g = levelTokens.Count;
                    index[key] = g;
                    levelTokens.Add(key.Item2);
                    levelParents.Add(key.Item1);
                }
                groupOf[r] = g;
            }
            tokens[j] = [.. levelTokens];
            parents[j] = [.. levelParents];
            rowGroups[j] = groupOf;
            previous = groupOf;
        }
        return new SuffixTree { Tokens = tokens, Parent = parents, RowGroup = rowGroups };
    }

    /// <summary>For each group at level j, its ancestor group at level i &lt; j.</summary>
    public long[] Ancestor(int j, int i)
    {
        var result = Enumerable.Range(0, Tokens[j].Length).Select(g => (long)g).ToArray();
        for (int level = j; level > i; level--)
            for (int g = 0; g < result.Length; g++) result[g] = Parent[level][result[g]];
        return result;
    }
}
